import type { Channel } from '../../../bot/model.js';
import type { Store } from '../../../bot/ports/store.js';
import { type RunRecord, runPrefix } from './restore-run-record.js';

/** What a person sees of a restore they asked for while it runs. */
export type RunningRestore = {
  server: string;
  target: string;
  region: string;
  phase: RunRecord['phase'];
  checks: number;
  confirmedAt: string;
};

/**
 * The restores this person asked for that have not finished, oldest first, from the run records the
 * runner keeps (finished ones expire after a while, so the list stays short).
 */
export async function runningRestoresOf(
  store: Store,
  person: { channel: Channel; id: string },
): Promise<RunningRestore[]> {
  const runs = await store.list<RunRecord>(runPrefix);
  return runs
    .map((r) => r.value)
    .filter((r) => r.askedBy.channel === person.channel && r.askedBy.userId === person.id)
    .filter((r) => r.phase !== 'done' && r.phase !== 'finishing')
    .sort((a, b) => a.confirmedAt.localeCompare(b.confirmedAt))
    .map((r) => ({
      server: r.request.source.name,
      target: r.request.target.name,
      region: r.request.target.region,
      phase: r.phase,
      checks: r.checks,
      confirmedAt: r.confirmedAt,
    }));
}
