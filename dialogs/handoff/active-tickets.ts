import type { Ticket } from '../../bot/ports/escalations.js';
import type { Store } from '../../bot/ports/store.js';
import { type ActivePointer, activePrefix, ticketKey } from './ticket-keys.js';

/** The conversations of open and claimed tickets, by their state keys: kept until the ticket is resolved. */
export async function conversationsOfActiveTickets(store: Store): Promise<string[]> {
  return (await store.list<ActivePointer>(activePrefix)).map((r) => r.value.conversation);
}

/** A ticket by id, as stored (for a draft entry from a resolved ticket). */
export async function readTicket(store: Store, id: string): Promise<Ticket | undefined> {
  return (await store.read<Ticket>(ticketKey(id)))?.value;
}
