import type { Reply } from '../model.js';
import { maxTurnChars } from './user-text.js';

/** Where a long message was cut in the middle. */
const GAP = '\n…\n';

/** A message someone chose with a message action, made plain by its channel's edge. */
export type QuotedMessage = {
  /** All of its text. */
  text: string;
  /** The same without its code blocks (a stack trace, a log): the words a person wrote around them. */
  prose: string;
};

/**
 * What the bot reads of a message someone asked it about ("Ask GeoRestore" or "Open a support ticket"
 * on a message). To answer it, the prose: a stack trace around a question drowns the question, so the
 * code is read only when there is nothing else. For a ticket, all of it, code included: the support
 * team needs the error. A person can shorten what they type to the bot, but not someone else's message,
 * so a long one is read in part instead of refused: its beginning and its end, where people put the
 * question, `maxTurnChars` in all, each cut at a line or a word.
 */
export function quotedMessage(
  message: QuotedMessage,
  purpose: 'answer' | 'ticket',
): { text: string; cut: boolean } {
  const text = purpose === 'answer' && message.prose !== '' ? message.prose : message.text;
  if (text.length <= maxTurnChars) return { text, cut: false };
  const half = Math.floor((maxTurnChars - GAP.length) / 2);
  const head = text.slice(0, half);
  const tail = text.slice(-half);
  const headEnd = Math.max(head.lastIndexOf('\n'), head.lastIndexOf(' '));
  const tailStart = Math.min(...['\n', ' '].map((c) => tail.indexOf(c)).filter((i) => i >= 0), tail.length);
  const start = headEnd > half / 2 ? head.slice(0, headEnd) : head;
  const end = tailStart < half / 2 ? tail.slice(tailStart + 1) : tail;
  return { text: `${start.trimEnd()}${GAP}${end.trimStart()}`, cut: true };
}

/**
 * The first reply of a message action that everyone sees says who asked for it (everyone in the thread
 * sees the answer, so the channel sees why the bot spoke) and, when the message was cut, how much was read.
 */
export function requestedBy(replies: Reply[], name: string, cut: boolean): Reply[] {
  const i = replies.findIndex((r) => r.personal !== true && r.kind !== 'error');
  const shown = replies[i];
  if (shown === undefined) return replies;
  const notes = [
    `Requested by ${name}`,
    ...(cut
      ? [
          `the message is long: I read its first and last ${(maxTurnChars / 2).toLocaleString('en-US')} characters`,
        ]
      : []),
    ...(shown.context ? [shown.context] : []),
  ];
  return replies.map((r, j) => (j === i ? { ...r, context: notes.join(' · ') } : r));
}
