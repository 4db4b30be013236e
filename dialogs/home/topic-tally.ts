import { isBotError } from '../../bot/errors.js';
import type { Reply, Turn, TurnHandler } from '../../bot/model.js';
import type { Logger } from '../../bot/ports/logger.js';
import type { Store } from '../../bot/ports/store.js';

const tallyPrefix = 'topics/asked/';
const tallyKey = (entryId: string) => `${tallyPrefix}${encodeURIComponent(entryId)}`;
type Tally = { count: number };

/**
 * The engine with a count of what it answers: each answer (`Reply.topic`) adds one to its entry's tally,
 * which the home reads for "most asked". Counted after the turn, off its path: a count that cannot be
 * written (a store hiccup, three conflicts in a row) is dropped, never the answer.
 */
export function tallyAnswers(handler: TurnHandler, deps: { store: Store; logger: Logger }): TurnHandler {
  const count = async (entryId: string) => {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const doc = await deps.store.read<Tally>(tallyKey(entryId));
      const next = { count: (doc?.value.count ?? 0) + 1 };
      try {
        await deps.store.write(tallyKey(entryId), next, doc ? { eTag: doc.eTag } : { ifAbsent: true });
        return;
      } catch (err) {
        if (!isBotError(err, 'store.conflict')) throw err;
      }
    }
  };
  return {
    async handle(turn: Turn): Promise<Reply[]> {
      const replies = await handler.handle(turn);
      for (const topic of new Set(replies.flatMap((r) => (r.topic ? [r.topic] : [])))) {
        count(topic).catch((err: unknown) => deps.logger.debug({ err }, 'topics.tally.failed'));
      }
      return replies;
    },
  };
}

/** Entry ids by how often they were answered, most first (ties by id, so the order is stable). */
export async function mostAsked(store: Store, n: number): Promise<string[]> {
  const tallies = await store.list<Tally>(tallyPrefix);
  return tallies
    .map((t) => ({ id: decodeURIComponent(t.key.slice(tallyPrefix.length)), count: t.value.count }))
    .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id))
    .slice(0, n)
    .map((t) => t.id);
}
