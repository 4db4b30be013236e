import type { Store } from '../../../bot/ports/store.js';
import { stateKey } from '../../engine/conversation-state.js';
import { type RunRecord, runPrefix } from './restore-run-record.js';

/**
 * The conversations of restores not yet done, by their state keys: kept past their retention until the
 * outcome is posted. The runs are few (a finished one expires 30 days after it ends), so they are listed.
 */
export async function conversationsOfRunsInFlight(store: Store): Promise<string[]> {
  const runs = await store.list<RunRecord>(runPrefix);
  return runs
    .filter((r) => r.value.phase !== 'done')
    .map((r) => stateKey(r.value.address, r.value.askedBy.userId));
}
