import type { Address } from '../../bot/model.js';
import type { Ticket } from '../../bot/ports/escalations.js';
import { stateKey } from '../engine/conversation-state.js';

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

/**
 * Open and claimed tickets, with the conversation state they hold: a conversation with an active
 * ticket is kept past its retention until the ticket is resolved.
 */
export const activePrefix = 'ticket/active/';
export const activeKey = (id: string) => `${activePrefix}${part(id)}`;
export type ActivePointer = { id: string; conversation: string };
export const activePointer = (t: Ticket): ActivePointer => ({
  id: t.id,
  conversation: stateKey(t.address, t.requester.id),
});

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
