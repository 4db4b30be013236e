import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { isBotError } from '../../bot/errors.js';
import type { Clock } from '../../bot/ports/clock.js';
import type { Logger } from '../../bot/ports/logger.js';
import type { Store } from '../../bot/ports/store.js';

/** Slack retries an event for up to about an hour in the worst case; keep the record longer. */
export const DEDUPE_TTL_MS = 2 * 60 * 60 * 1000;

/**
 * A stable key per delivery: the event id for the Events API (the same on every retry), the
 * trigger id of a slash command or a shortcut, and the user and action timestamp of a button click.
 */
export function dedupeKey(body: Record<string, unknown>): string | undefined {
  if (body.type === 'event_callback' && typeof body.event_id === 'string') {
    return `slack:seen:event:${body.event_id}`;
  }
  if (typeof body.command === 'string' && typeof body.trigger_id === 'string') {
    return `slack:seen:command:${body.trigger_id}`;
  }
  if (body.type === 'message_action' && typeof body.trigger_id === 'string') {
    return `slack:seen:shortcut:${body.trigger_id}`;
  }
  if (body.type === 'block_actions' && Array.isArray(body.actions)) {
    const action = body.actions[0] as { action_ts?: unknown; action_id?: unknown } | undefined;
    const user = (body.user as { id?: unknown } | undefined)?.id;
    if (typeof action?.action_ts === 'string' && typeof user === 'string') {
      return `slack:seen:action:${user}:${action.action_ts}:${String(action.action_id)}`;
    }
  }
  return undefined;
}

/**
 * Global Bolt middleware: the first delivery of a key claims it with a create-if-absent write and
 * goes on; a later one is acknowledged (so Slack stops retrying) and goes no further. When the store
 * cannot be reached the event is handled anyway: a rare duplicate beats a lost question.
 */
export function createDedupe(deps: {
  store: Store;
  logger: Logger;
  clock: Clock;
}): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as unknown as Record<string, unknown>;
    const key = dedupeKey(body);
    if (key === undefined) return args.next();
    try {
      await deps.store.write(
        key,
        { firstSeen: deps.clock.now().toISOString() },
        { ifAbsent: true, ttlMs: DEDUPE_TTL_MS },
      );
    } catch (error) {
      if (isBotError(error, 'store.conflict')) {
        deps.logger.info({ key, retryNum: args.context.retryNum }, 'slack.duplicate.ignored');
        const ack = (args as { ack?: () => Promise<void> }).ack;
        if (ack) await ack();
        return;
      }
      deps.logger.warn({ key, err: String(error) }, 'slack.dedupe.unavailable');
    }
    return args.next();
  };
}
