import type { Address, Channel, Fact, Reply, TranscriptLine } from '../model.js';
import type { SentMessage } from './messenger.js';

/**
 * Handing a conversation to people: tickets that the support team claims and resolves from a support
 * channel. Implemented over Store and Messenger in dialogs/ticket-service.ts; everything here is JSON.
 */

export type TicketState = 'open' | 'claimed' | 'resolved';

/** Why the bot handed over. */
export type TicketReason = 'asked' | 'misses' | 'unhelpful' | 'azure-failed' | 'approval';

/** A person on a channel: the immutable platform id, and a display name when the channel gave one. */
export type Person = { channel: Channel; id: string; name?: string };

/** A knowledge-base entry the bot considered for the question, with the matcher's score. */
export type ConsideredEntry = { id: string; title?: string; score: number };

/** A restore waiting for a second, allowed person: bound to the requester's confirmation record. */
export type ApprovalRequest = {
  nonce: string;
  hash: string;
  server: string;
  target: string;
  region: string;
  decision?: { approved: boolean; by: Person; at: string; runId?: string };
};

export type TicketEvent = { at: string; what: string; by?: Person };

export type Ticket = {
  id: string;
  /** Short form shown to people, e.g. T-3F2A9C. */
  ref: string;
  reason: TicketReason;
  state: TicketState;
  requester: Person;
  /** The requester's conversation: where the bot tells them what happens. */
  address: Address;
  /** A one-to-one chat with the bot: messages are relayed both ways while a person owns it. */
  direct: boolean;
  question: string;
  considered: ConsideredEntry[];
  /** The facts of the last server check, if there was one. */
  facts: Fact[];
  transcript: TranscriptLine[];
  createdAt: string;
  claimedBy?: Person;
  claimedAt?: string;
  resolvedBy?: Person;
  resolvedAt?: string;
  /** How it ended: resolved by a person, or handed back to the bot ("take over"). */
  resolution?: 'resolved' | 'handed-back' | 'declined' | 'approved';
  /** The ticket message in the support channel; its thread is the support thread. */
  support?: SentMessage;
  /** When an unclaimed ticket is next re-notified (claimed with an eTag by one replica). */
  nextReminderAt?: string;
  reminders: number;
  approval?: ApprovalRequest;
  /** The requester's answer to "did that help?" after resolution. */
  feedback?: { helpful: boolean; at: string };
  /** What the support team wrote to the requester through the bot (the last five): a draft entry's starting answer. */
  answers?: Array<{ at: string; by: Person; text: string }>;
  /** Status reported by a Teams agent hub (handoff.status). */
  hub?: { state: string; at: string; message?: string };
  history: TicketEvent[];
};

export type NewTicket = Pick<
  Ticket,
  'reason' | 'requester' | 'address' | 'direct' | 'question' | 'considered' | 'facts' | 'transcript'
> & { approval?: ApprovalRequest };

/** Why a change was not made: a value, not an exception. */
export type TicketRefusal =
  | 'not-found'
  | 'not-agent'
  | 'claimed-by-other'
  | 'already-claimed'
  | 'already-resolved'
  | 'not-resolved'
  | 'not-approval'
  | 'self-approval';

export type TicketChange =
  | { ok: true; ticket: Ticket }
  | { ok: false; reason: TicketRefusal; ticket?: Ticket };

export interface Escalations {
  /** Opens a ticket and posts it to the support channel; an active ticket of the same conversation is returned instead. */
  open(request: NewTicket): Promise<{ ticket: Ticket; existing: boolean }>;
  claim(id: string, agent: Person): Promise<TicketChange>;
  resolve(id: string, agent: Person, how?: 'resolved' | 'handed-back'): Promise<TicketChange>;
  reopen(id: string, by: Person): Promise<TicketChange>;
  /** Records an approval decision; the caller has already checked the approver. */
  decide(id: string, agent: Person, approved: boolean, runId?: string): Promise<TicketChange>;
  /** The requester's answer to "did that help?", recorded once. */
  recordFeedback(id: string, requester: Person, helpful: boolean): Promise<TicketChange>;
  /** Keeps what a support person wrote to the requester (the last five lines, each cut to 1,000 characters). */
  recordAnswer(id: string, by: Person, text: string): Promise<void>;
  /** A status from an agent hub. */
  hubStatus(id: string, state: string, message?: string): Promise<TicketChange>;
  get(id: string): Promise<Ticket | undefined>;
  /** The open or claimed ticket of a requester's conversation. */
  activeFor(address: Address): Promise<Ticket | undefined>;
  /** The ticket whose support thread this is. */
  forSupportThread(address: Address): Promise<Ticket | undefined>;
  /** May this person claim, resolve and approve? */
  isAgent(person: Person): boolean;
  /** Where tickets of this channel's users go; undefined when no support channel is configured. */
  supportFor(channel: Channel): Address | undefined;
  /** Is this conversation one of the support channels? */
  isSupportChannel(address: Address): boolean;
  /** Shows the ticket's card again as it is (a channel may have spent it on a refused click). */
  refresh(id: string): Promise<void>;
  /** A proactive message to the requester (best effort: a failure is logged). */
  tell(ticket: Ticket, reply: Reply): Promise<void>;
  /** The support thread of a posted ticket. */
  supportThread(ticket: Ticket): Address | undefined;
}

/** How an approval of a restore ended: started (with its run), or why not. */
export type ApprovalOutcome =
  | { ok: true; runId: string }
  | {
      ok: false;
      reason:
        | 'writes-off'
        | 'not-allowed'
        | 'self-approval'
        | 'expired'
        | 'used'
        | 'altered'
        | 'unknown'
        | 'duplicate';
    };
