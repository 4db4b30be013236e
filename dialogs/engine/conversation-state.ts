import type { Address, Json } from '../../bot/model.js';

/** One line of the recent transcript, kept for a human who takes over. */
export type TranscriptLine = {
  from: 'user' | 'bot';
  text: string;
  at: string;
};

/** The dialog waiting for this user's next message; each dialog owns the shape of its own state. */
export type ActiveDialog = {
  dialog: string;
  [key: string]: Json | undefined;
};

export type ConversationState = {
  active?: ActiveDialog;
  /** Questions in a row the bot could not answer; two in a row offers a human. */
  misses: number;
  transcript: TranscriptLine[];
  [key: string]: Json | undefined;
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
