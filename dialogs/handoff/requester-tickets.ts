import type { Person, Ticket } from '../../bot/ports/escalations.js';
import type { Store } from '../../bot/ports/store.js';
import { requesterPrefix, type TicketPointer, ticketKey } from './ticket-keys.js';

/** The person's tickets that are open or claimed, oldest first, as their home lists them. */
export async function ticketsOf(store: Store, person: Pick<Person, 'channel' | 'id'>): Promise<Ticket[]> {
  const pointers = await store.list<TicketPointer>(requesterPrefix(person));
  const tickets = await Promise.all(
    pointers.map(async (p) => (await store.read<Ticket>(ticketKey(p.value.id)))?.value),
  );
  return tickets
    .filter((t): t is Ticket => t !== undefined && t.state !== 'resolved')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
