import type { TurnContext } from 'botbuilder';
import type { Logger } from '../../bot/ports/logger.js';
import { type StageTimer, systemStageTimer } from '../../bot/util/slow-turn.js';

/** The timer the typing indicator waits on; tests pass a manual one instead of wall-clock time. */
export type TypingTimer = StageTimer;
export const systemTypingTimer: TypingTimer = systemStageTimer;

/**
 * A typing indicator for turns that take a while: none for a turn answered within `delayMs` (a quick
 * answer needs none), else the first one after `delayMs`, then every `everyMs` until stopped. Stopping
 * waits for a typing send already on its way, so it never lands after the answer.
 */
export function startTyping(
  context: Pick<TurnContext, 'sendActivity'>,
  delayMs: number,
  everyMs: number,
  log: Logger,
  timer: TypingTimer = systemTypingTimer,
): () => Promise<void> {
  let stopped = false;
  let sending: Promise<void> | undefined;
  let handle: unknown;
  const tick = () => {
    handle = undefined;
    if (stopped) return;
    const sent = context.sendActivity({ type: 'typing' }).then(
      () => undefined,
      (err: unknown) => log.debug({ err }, 'teams.typing.failed'),
    );
    sending = sent.then(() => {
      if (!stopped) handle = timer.set(tick, everyMs);
    });
  };
  handle = timer.set(tick, delayMs);
  return async () => {
    stopped = true;
    if (handle !== undefined) timer.clear(handle);
    handle = undefined;
    if (sending) await sending;
  };
}
