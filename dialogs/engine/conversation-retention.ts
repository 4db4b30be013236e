import { isBotError } from '../../bot/errors.js';
import type { Store } from '../../bot/ports/store.js';
import type { ConversationState } from './conversation-state.js';

/**
 * Gives the conversations that something still holds (an open ticket, a restore in flight) their full
 * retention again, so that the sweep leaves them; run before each sweep. A conversation that a turn
 * changes meanwhile was kept by that turn's own write, so a conflict is left alone. Returns how many
 * were kept.
 */
export async function keepConversations(
  store: Store,
  keys: Iterable<string>,
  ttlMs: number,
): Promise<number> {
  let kept = 0;
  for (const key of new Set(keys)) {
    const doc = await store.read<ConversationState>(key);
    if (!doc) continue;
    try {
      await store.write(key, doc.value, { eTag: doc.eTag, ttlMs });
      kept++;
    } catch (err) {
      if (!isBotError(err, 'store.conflict')) throw err;
    }
  }
  return kept;
}
