import type { TurnContext } from 'botbuilder';
import type { Logger } from '../../bot/ports/logger.js';

/**
 * A typing indicator for turns that take a while: the first one after `delayMs` (a quick answer needs
 * none), then every `everyMs` until stopped. Stopping waits for a typing send already on its way, so
 * it never lands after the answer.
 */
export function startTyping(
  context: TurnContext,
  delayMs: number,
  everyMs: number,
  log: Logger,
): () => Promise<void> {
  let stopped = false;
  let sending: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    if (stopped) return;
    sending = context.sendActivity({ type: 'typing' }).then(
      () => undefined,
      (err: unknown) => log.debug({ err }, 'teams.typing.failed'),
    );
    sending.then(() => {
      if (!stopped) timer = setTimeout(tick, everyMs);
    });
  };
  timer = setTimeout(tick, delayMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await sending;
  };
}
