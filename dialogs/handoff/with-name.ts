import type { Person } from '../../bot/ports/escalations.js';
import type { Messenger } from '../../bot/ports/messenger.js';

/**
 * The person with the name their platform shows. Asked of the channel only when the turn did not
 * carry it (a Slack message event has only the user id) and only where a person reads it: a ticket's
 * card and history, a relayed answer. An ordinary question never looks anyone up.
 */
export async function withName(person: Person, messenger: Pick<Messenger, 'nameOf'>): Promise<Person> {
  if (person.name || !messenger.nameOf) return person;
  const name = await messenger.nameOf(person);
  return name ? { ...person, name } : person;
}
