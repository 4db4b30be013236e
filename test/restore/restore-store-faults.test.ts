import { describe, expect, it } from 'vitest';
import type { Json, Reply } from '../../bot/model.js';
import type { GeoRestoreRequest, PostgresOps } from '../../bot/ports/postgres-ops.js';
import type { OpRecord } from '../../dialogs/restore/restore-confirmation.js';
import { type RunRecord, runPrefix } from '../../dialogs/restore/run/restore-run-record.js';
import { button } from '../support/create-test-bot.js';
import { FailingStore } from '../support/failing-store.js';
import { addOrders, type LiveBot, startLiveBot, toSummary } from './live-bot.js';

const RETRY_TEXT =
  'I could not save our conversation just now, so nothing was done. Please try again in a moment.';

/**
 * A live bot whose store can be switched off at any call, and a record, for every PUT Azure receives,
 * of what the store underneath held at that moment: the run claimed for the PUT, its operation claim
 * and the audit row of the confirmation.
 */
async function faultyBot() {
  let failing: FailingStore | undefined;
  const unpersisted: string[] = [];
  let live: LiveBot | undefined;
  live = await startLiveBot({
    wrapStore: (store) => {
      failing = new FailingStore(store);
      return failing;
    },
    // The real ops underneath, with the PUT observed on its way out.
    wrapOps: (ops) =>
      Object.assign(Object.create(ops) as PostgresOps, {
        startGeoRestore: async (request: GeoRestoreRequest) => {
          const inner = failing?.inner;
          const runs = (await inner?.list<RunRecord>(runPrefix)) ?? [];
          const claimed = runs.filter((r) => r.value.phase === 'putting');
          if (claimed.length !== 1) unpersisted.push(`${claimed.length} runs claimed for the PUT`);
          for (const { value: run } of claimed) {
            const op = await inner?.read<OpRecord & Json>(run.opKey);
            if (op?.value.runId !== run.id) unpersisted.push(`no operation claim for ${run.id}`);
            const audit = (await live?.audit()) ?? [];
            if (!audit.some((a) => a.kind === 'restore.confirmed' && a.runId === run.id))
              unpersisted.push(`no confirmation audit row for ${run.id}`);
          }
          return ops.startGeoRestore(request);
        },
      }),
  });
  addOrders(live.arm);
  if (!failing) throw new Error('the store was not wrapped');
  return { live, store: failing, unpersisted };
}

/** Types the name, then clicks Start with the store failing from its `k`-th call on; heals, then lets the runner finish. */
async function confirmWithFaultAt(k: number) {
  const { live, store, unpersisted } = await faultyBot();
  try {
    const summary = await toSummary(live);
    await live.from('U1').send('pg-orders');
    const start = button(summary, 'restore.confirm');
    const callsBefore = store.calls;
    store.failAfter(k);
    const [reply] = await live.from('U1').click(start.id, start.value);
    await live.runner.idle();
    const failedCalls = store.failures;
    const clickCalls = store.calls - callsBefore;
    store.heal();
    // A run that lost its handle watches the new server, which Azure finishes without being polled.
    live.arm.finishRestores();
    await live.settle().catch((err: Error) => {
      throw new Error(`store failing from call ${k}: ${err.message}`);
    });
    return {
      reply: reply as Reply,
      failedCalls,
      clickCalls,
      puts: live.puts(),
      completions: live.messenger.titled('Geo-restore complete').length,
      unpersisted,
      audit: await live.audit(),
    };
  } finally {
    await live.close();
  }
}

describe('the store failing in the middle of a geo-restore', () => {
  it('at every point of the confirmation and the run: the user is told to retry or the restore completes once, and no PUT goes out without its persisted records', async () => {
    const healthy = await confirmWithFaultAt(Number.POSITIVE_INFINITY);
    expect(healthy).toMatchObject({ puts: 1, completions: 1, failedCalls: 0, unpersisted: [] });
    const points = healthy.clickCalls;
    expect(points).toBeGreaterThan(10);

    const outcomes: string[] = [];
    for (let k = 1; k <= points; k++) {
      const run = await confirmWithFaultAt(k);
      const where = `store failing from call ${k} of ${points}`;
      expect(run.unpersisted, where).toEqual([]);
      expect(run.puts, where).toBeLessThanOrEqual(1);
      if (run.reply.text === RETRY_TEXT) {
        // "Nothing was done" must be true.
        expect(run.puts, where).toBe(0);
        expect(run.completions, where).toBe(0);
        outcomes.push('retry');
      } else {
        expect(run.reply.summary, where).toMatch(/^Geo-restore started/);
        expect(run.puts, where).toBe(1);
        expect(run.completions, where).toBe(1);
        outcomes.push('completed');
      }
    }

    expect(outcomes).toContain('retry');
    expect(outcomes).toContain('completed');
  }, 120_000);

  it('lets the user retry after the store comes back, and the retried confirmation starts the restore once', async () => {
    const { live, store } = await faultyBot();
    try {
      const summary = await toSummary(live);
      await live.from('U1').send('pg-orders');
      const start = button(summary, 'restore.confirm');
      store.failAfter(1);
      const [failed] = await live.from('U1').click(start.id, start.value);
      store.heal();

      const [retried] = await live.from('U1').click(start.id, start.value);
      await live.settle();

      expect(failed?.text).toBe(RETRY_TEXT);
      expect(retried?.summary).toMatch(/^Geo-restore started/);
      expect(live.puts()).toBe(1);
      expect(live.messenger.titled('Geo-restore complete')).toHaveLength(1);
    } finally {
      await live.close();
    }
  });
});
