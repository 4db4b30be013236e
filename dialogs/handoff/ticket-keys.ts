import type { Address } from '../../bot/model.js';

const part = (s: string) => encodeURIComponent(s);
const where = (a: Address) => `${a.channel}/${part(a.conversationId)}/${part(a.threadId ?? '-')}`;

/** The ticket itself. */
export const ticketKey = (id: string) => `ticket/t/${part(id)}`;
/** Requester's conversation → its active ticket (silence and relay look it up on every turn). */
export const conversationKey = (address: Address) => `ticket/conv/${where(address)}`;
/** Support thread → ticket (an agent's message in the thread is relayed to the requester). */
export const threadKey = (address: Address) => `ticket/thread/${where(address)}`;
/** Unclaimed tickets, listed by the reminders. */
export const openPrefix = 'ticket/open/';
export const openKey = (id: string) => `${openPrefix}${part(id)}`;

/** A requester's tickets that are not resolved, listed on their home. */
export const requesterPrefix = (p: { channel: string; id: string }) =>
  `ticket/by/${p.channel}/${part(p.id)}/`;
export const requesterKey = (p: { channel: string; id: string }, id: string) =>
  `${requesterPrefix(p)}${part(id)}`;

export type TicketPointer = { id: string };

/** The short reference people read and type: T- and the first six characters of the id. */
export const ticketRef = (id: string) =>
  `T-${id
    .replace(/[^a-zA-Z0-9]/g, '')
    .slice(0, 6)
    .toUpperCase()}`;
