import { keepConversations } from '../dialogs/engine/conversation-retention.js';
import type { ConversationState } from '../dialogs/engine/conversation-state.js';
import { conversationsOfActiveTickets } from '../dialogs/handoff/index.js';
import { conversationsOfRunsInFlight } from '../dialogs/restore/index.js';
import { isBotError } from './errors.js';
import type { Json } from './model.js';
import type { Clock } from './ports/clock.js';
import type { Logger } from './ports/logger.js';
import type { Store } from './ports/store.js';

export interface HousekeepingDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  conversationTtlMs: number;
  /** INSIGHTS_RETENTION_DAYS: feedback and the old unanswered-question records. */
  retentionMs: number;
}

/** Set once every record written before retention existed has been given an expiry. */
export const legacyDoneKey = 'insights/retention-applied';

/**
 * What runs before each sweep of expired documents: conversations held by an open ticket or a restore
 * in flight get their retention again, and (once per store) records written before there was a
 * retention get an expiry counted from their own time, so the sweep removes them like the rest.
 */
export function housekeeping(deps: HousekeepingDeps): () => Promise<void> {
  const { store, clock, logger } = deps;
  return async () => {
    const held = [
      ...(await conversationsOfActiveTickets(store)),
      ...(await conversationsOfRunsInFlight(store)),
    ];
    const kept = await keepConversations(store, held, deps.conversationTtlMs);
    if (kept > 0) logger.info({ kept }, 'retention.held');
    if (await store.read(legacyDoneKey)) return;
    const now = clock.now().getTime();
    const lastTurn = (v: ConversationState) => v.transcript?.at(-1)?.at;
    const given =
      (await expireFrom(store, 'conv/', now, deps.conversationTtlMs, (_k, v) =>
        lastTurn(v as ConversationState),
      )) +
      (await expireFrom(store, 'feedback/', now, deps.retentionMs, (_k, v) => stringAt(v))) +
      (await expireFrom(store, 'unanswered/', now, deps.retentionMs, (k) => k.split('/')[1]));
    await store.write(legacyDoneKey, { at: new Date(now).toISOString(), given });
    logger.info({ given }, 'retention.legacyApplied');
  };
}

const stringAt = (v: Json): string | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof v.at === 'string' ? v.at : undefined;

/** Rewrites each record with an expiry `keepMs` after its own time (now when it has none); deletes what is past it. */
async function expireFrom(
  store: Store,
  prefix: string,
  now: number,
  keepMs: number,
  timeOf: (key: string, value: Json) => string | undefined,
): Promise<number> {
  let given = 0;
  // A page at a time: a store of a few hundred thousand conversations is never held in memory at once.
  for (let page = await store.list(prefix, { limit: 500 }); page.length > 0; ) {
    given += await expirePage(page, now, keepMs, timeOf, store);
    page = await store.list(prefix, { limit: 500, after: page.at(-1)?.key ?? prefix });
  }
  return given;
}

async function expirePage(
  docs: Array<{ key: string; value: Json; eTag: string }>,
  now: number,
  keepMs: number,
  timeOf: (key: string, value: Json) => string | undefined,
  store: Store,
): Promise<number> {
  let given = 0;
  for (const doc of docs) {
    const at = Date.parse(timeOf(doc.key, doc.value) ?? '');
    const ttlMs = (Number.isNaN(at) ? now : at) + keepMs - now;
    try {
      if (ttlMs <= 0) await store.delete(doc.key, { eTag: doc.eTag });
      else await store.write(doc.key, doc.value, { eTag: doc.eTag, ttlMs });
      given++;
    } catch (err) {
      if (!isBotError(err, 'store.conflict')) throw err;
    }
  }
  return given;
}
