import type { Channel } from '../model.js';
import type { Ticket } from './escalations.js';

/**
 * What the insights page is made of, told by the engine once per turn and by the ticket service on
 * every change. Implemented over the Store in insights/record; the dialogs never see how it is kept.
 */

/** How a question ended: answered outright, "did you mean", no match, or handed to a person. */
export type AskOutcome = 'answered' | 'clarify' | 'nomatch' | 'handoff';
export const askOutcomes: readonly AskOutcome[] = ['answered', 'clarify', 'nomatch', 'handoff'];

/** An entry the matcher considered, with its calibrated score. */
export type Considered = { id: string; score: number };

export type TurnOutcome =
  /** A typed question the matcher read, or a request for a person (typed or clicked). */
  | {
      kind: 'ask';
      outcome: AskOutcome;
      text: string;
      /** The entry answered, the best candidate, or the entry a ticket was about. */
      topic?: string;
      considered: Considered[];
      /** The neighbouring topic or other product the question was recognised as. */
      notCovered?: string;
    }
  /** A "did you mean" answered with one of its choices: answered without a person after all. */
  | { kind: 'picked'; topic: string }
  /** A "did you mean" answered with "none of these": a question the bot could not answer. */
  | { kind: 'declined'; text: string; considered: Considered[] }
  /** 👍 or 👎 on an answer, once per answer and person. */
  | { kind: 'rated'; topic: string; helpful: boolean };

/** Who and where, for the record: the recorder keeps the user only as a keyed pseudonym. */
export type TurnFacts = { at: Date; channel: Channel; userId: string };

export interface TurnRecorder {
  /** Called once per turn that had an outcome, after the conversation state was saved. */
  record(turn: TurnFacts, outcome: TurnOutcome): Promise<void>;
}

/** What changed on a ticket: opened, claimed, resolved (or handed back, decided), reopened. */
export type TicketChangeKind = 'opened' | 'claimed' | 'resolved' | 'reopened';

export interface TicketRecorder {
  ticketChanged(what: TicketChangeKind, ticket: Ticket, at: Date): Promise<void>;
}
