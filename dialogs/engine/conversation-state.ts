import type { Address, Fact, Json, TranscriptLine } from '../../bot/model.js';
import type { ConsideredEntry } from '../../bot/ports/escalations.js';

/** The dialog waiting for this user's next message; each dialog owns the shape of its own state. */
export type ActiveDialog = {
  dialog: string;
  [key: string]: Json | undefined;
};

/** The question the bot could not answer, and what it considered: a ticket's starting point. */
export type LastMiss = { question: string; considered: ConsideredEntry[] };

/** The facts of the last server check, for a ticket opened after it. */
export type LastCheck = { server: string; facts: Fact[] };

/**
 * One person's conversation, as the Store keeps it. The fields several features share are typed and
 * owned here: the FAQ writes `lastMiss` and `lastUnhelpful`, the eligibility check `lastCheck`, and
 * the handoff reads all three when it opens a ticket.
 */
export type ConversationState = {
  active?: ActiveDialog;
  /** Questions in a row the bot could not answer; the second in a row offers a person with a button. */
  misses: number;
  transcript: TranscriptLine[];
  lastMiss?: LastMiss;
  lastCheck?: LastCheck;
  /** The entry of the last answer rated 👎, until the person asks for help or moves on. */
  lastUnhelpful?: string;
};

/**
 * Lines of transcript a conversation keeps: what a ticket hands to a person (the ticket card shows
 * the last 8 of them). More would only be carried, parsed and rewritten on every turn.
 */
export const transcriptLength = 10;
const transcriptLineChars = 500;

export function emptyState(): ConversationState {
  return { misses: 0, transcript: [] };
}

/** State is per person within a conversation thread: two people in one channel thread do not share a dialog. */
export function stateKey(address: Address, userId: string): string {
  const part = (s: string) => encodeURIComponent(s);
  return `conv/${address.channel}/${part(address.conversationId)}/${part(address.threadId ?? '-')}/${part(userId)}`;
}

export function remember(
  state: ConversationState,
  from: TranscriptLine['from'],
  text: string,
  at: Date,
): void {
  if (text === '') return;
  state.transcript.push({ from, text: text.slice(0, transcriptLineChars), at: at.toISOString() });
  if (state.transcript.length > transcriptLength)
    state.transcript.splice(0, state.transcript.length - transcriptLength);
}
