import type { Json, Reply, Turn } from '../../bot/model.js';
import type { Ids } from '../../bot/ports/clock.js';
import type { TurnOutcome } from '../../bot/ports/insights.js';
import type { Logger } from '../../bot/ports/logger.js';
import type { Store } from '../../bot/ports/store.js';
import type { MatchResult } from '../../knowledge/matcher.js';
import type { ConversationState } from './conversation-state.js';

/** Everything one dialog step may use. It changes `state`; the engine saves it after the step. */
export interface DialogContext {
  turn: Turn;
  state: ConversationState;
  now: Date;
  ids: Ids;
  log: Logger;
  store: Store;
  /**
   * Set by a step whose effect cannot be taken back (a queued geo-restore): its replies go out even
   * if the conversation state cannot be saved afterwards, since "nothing was done" would be untrue.
   */
  committed?: boolean;
  /**
   * How the turn ended, for the insights: set by the engine from the match, refined by the dialog that
   * answers (a miss, a ticket, a rating); recorded once, after the state is saved.
   */
  outcome?: TurnOutcome;
}

/**
 * A dialog the engine can route to: by an intent the matcher recognised (`intents`), by a button
 * whose action id starts with `actionPrefix`, or with the next message while it is active. The FAQ is
 * one too: the engine's fallback, which takes every match no other dialog owns.
 */
export interface Dialog {
  id: string;
  intents?: readonly string[];
  actionPrefix?: string;
  begin(ctx: DialogContext, match: MatchResult): Promise<Reply[]>;
  onAction?(ctx: DialogContext, action: { id: string; value?: Json }): Promise<Reply[]>;
  /** The next message of a user this dialog is waiting on; return undefined to let the engine match it afresh. */
  continue?(ctx: DialogContext): Promise<Reply[] | undefined>;
}

/**
 * Runs before the engine routes a typed message (the handoff: silence and relay while a person owns
 * the conversation); undefined lets the engine answer as usual.
 */
export interface TurnGate {
  intercept(turn: Turn, log: Logger): Promise<Reply[] | undefined>;
}
