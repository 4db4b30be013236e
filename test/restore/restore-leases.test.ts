import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../bot/ports/logger.js';
import type { Messenger } from '../../bot/ports/messenger.js';
import type { PostgresOps } from '../../bot/ports/postgres-ops.js';
import { RestoreRunner } from '../../dialogs/restore/index.js';
import { MAX_OUTCOME_SENDS } from '../../dialogs/restore/run/restore-outcome.js';
import {
  type DoneRecord,
  finishedRunTtlMs,
  type RunRecord,
} from '../../dialogs/restore/run/restore-run-record.js';
import { DEFAULT_LEASE_TTL_MS } from '../../dialogs/restore/run/restore-runner.js';
import { loopbackOps } from '../azure/loopback-ops.js';
import { sequentialIds } from '../support/manual-clock.js';
import { realMatcher } from '../support/shared-knowledge.js';
import { addOrders, confirm, type LiveBot, ManualScheduler, startLiveBot, toSummary } from './live-bot.js';

/** Counts status polls, so a test can tell which replica polled. */
function counted(ops: PostgresOps) {
  let polls = 0;
  const wrapped: PostgresOps = {
    findServers: (q) => ops.findServers(q),
    getServer: (r) => ops.getServer(r),
    capabilities: (r, s) => ops.capabilities(r, s),
    checkName: (r, n, s) => ops.checkName(r, n, s),
    latestBackup: (r) => ops.latestBackup(r),
    startGeoRestore: (r) => ops.startGeoRestore(r),
    pollGeoRestore: (h) => {
      polls += 1;
      return ops.pollGeoRestore(h);
    },
  };
  return { ops: wrapped, polls: () => polls };
}

/** A second replica on the same store, with its own timers, clock-sharing leases and adoption scans. */
function replicaB(live: LiveBot, messenger: Messenger = live.messenger) {
  const scheduler = new ManualScheduler();
  const ops = counted(loopbackOps(live.arm).ops);
  const runner = new RestoreRunner({
    ops: ops.ops,
    store: live.store,
    messenger,
    clock: live.clock,
    ids: sequentialIds('replica-b'),
    logger: silentLogger,
    scheduler,
    adoptEveryMs: 10_000,
  });
  return {
    runner,
    scheduler,
    polls: ops.polls,
    /** Fires B's timers until `check` holds. */
    async until(check: () => boolean): Promise<void> {
      for (let i = 0; i < 50; i++) {
        await runner.idle();
        if (check()) return;
        scheduler.fire();
      }
      throw new Error('replica B never got there');
    },
  };
}

/** Replica A as startLiveBot makes it, with its status polls counted. */
async function startCountingA() {
  let polls = () => 0;
  const live = await startLiveBot({
    wrapOps: (ops) => {
      const a = counted(ops);
      polls = a.polls;
      return a.ops;
    },
  });
  return { live, polls: () => polls() };
}

const completions = (live: LiveBot) => live.messenger.titled('Geo-restore complete');
const doneRecord = async (live: LiveBot) => (await live.store.list<DoneRecord>('restore/done/'))[0]?.value;

/** Confirms a restore on replica A and lets A send the PUT; A's poll timer is then pending. */
async function startedOnA(live: LiveBot, pollsUntilDone: number) {
  addOrders(live.arm);
  live.arm.scriptRestores({ pollsUntilDone });
  await confirm(live, await toSummary(live));
  await live.runner.idle();
}

// Building the model takes seconds, many more on a busy machine: not inside the first test's time.
beforeAll(() => {
  realMatcher();
}, 180_000);

describe('restores in flight under leases, with two replicas on one store', () => {
  let live: LiveBot;
  let stopB: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stopB?.();
    stopB = undefined;
    await live.close();
  });

  it('leaves a restore alone while the replica polling it is alive', async () => {
    const a = await startCountingA();
    live = a.live;
    await startedOnA(live, 2);
    const b = replicaB(live);
    stopB = () => b.runner.stop();

    await b.runner.start();
    for (let i = 0; i < 3; i++) {
      b.scheduler.fire();
      await b.runner.idle();
    }
    await live.settle();

    expect(b.polls()).toBe(0);
    expect(a.polls()).toBeGreaterThan(0);
    expect(completions(live)).toHaveLength(1);
  });

  it('finishes from the persisted handle on another replica once the dead one’s lease expires, with one completion', async () => {
    live = await startLiveBot();
    await startedOnA(live, 3);
    live.scheduler.fire(); // A's first status check
    await live.runner.idle();
    const progressId = live.messenger.sent[0]?.messageId ?? '';
    // A dies here: its timers never fire again and its lease is not renewed.
    const b = replicaB(live);
    stopB = () => b.runner.stop();
    await b.runner.start();
    await b.until(() => true);
    expect(b.polls()).toBe(0);

    live.advance(DEFAULT_LEASE_TTL_MS);
    await b.until(() => completions(live).length > 0);

    expect(b.polls()).toBeGreaterThan(0);
    expect(live.puts()).toBe(1);
    expect(completions(live)).toHaveLength(1);
    expect(live.messenger.sent.filter((s) => s.reply.kind === 'progress')).toHaveLength(1);
    expect(live.messenger.current(progressId)?.summary).toBe('Finished: the new server is ready.');
    expect((await live.audit()).filter((r) => r.kind === 'restore.succeeded')).toHaveLength(1);
  });

  it('stops polling on a replica that wakes up after another took its lease over', async () => {
    const a = await startCountingA();
    live = a.live;
    await startedOnA(live, 50);
    const b = replicaB(live);
    stopB = () => b.runner.stop();
    await b.runner.start();
    live.advance(DEFAULT_LEASE_TTL_MS);
    await b.until(() => b.polls() > 0);
    const polledByA = a.polls();

    live.scheduler.fire(); // A's poll timer and lease heartbeat, late
    await live.runner.idle();

    expect(a.polls()).toBe(polledByA);
  });

  it('posts the completion from another replica, once, when the poster died after claiming it but before sending', async () => {
    live = await startLiveBot();
    const recorder = live.messenger;
    const send = recorder.send.bind(recorder);
    let reached: () => void = () => {};
    const sendReached = new Promise<void>((r) => {
      reached = r;
    });
    // A dies while sending the completion: the message never leaves.
    recorder.send = (address, reply) => {
      if (reply.title !== 'Geo-restore complete') return send(address, reply);
      reached();
      return new Promise<never>(() => {});
    };
    await startedOnA(live, 0);
    live.scheduler.fire();
    await sendReached;
    expect(await doneRecord(live)).toMatchObject({ outcome: 'succeeded', attemptAt: expect.any(String) });
    expect((await doneRecord(live))?.sentAt).toBeUndefined();

    const b = replicaB(live, {
      send,
      update: (m, r) => recorder.update(m, r),
      threadOf: (m) => recorder.threadOf(m),
    });
    stopB = () => b.runner.stop();
    await b.runner.start();
    live.advance(DEFAULT_LEASE_TTL_MS);
    await b.until(() => completions(live).length > 0);

    expect(completions(live)).toHaveLength(1);
    expect(await doneRecord(live)).toMatchObject({ by: b.runner.holder, sentAt: expect.any(String) });
    const [run] = await live.store.list<RunRecord>('restore/run/');
    expect(run?.value.phase).toBe('done');
  });

  it('forgets a finished run and its posting record after thirty days', async () => {
    live = await startLiveBot();
    await startedOnA(live, 0);
    live.scheduler.fire();
    await live.runner.idle();
    expect(completions(live)).toHaveLength(1);
    expect((await live.store.list<RunRecord>('restore/run/'))[0]?.value.phase).toBe('done');

    live.advance(finishedRunTtlMs - 60_000);
    expect(await live.store.list('restore/run/')).toHaveLength(1);
    live.advance(120_000);

    expect(await live.store.list('restore/run/')).toHaveLength(0);
    expect(await live.store.list('restore/done/')).toHaveLength(0);
    expect(await live.store.sweep('restore/')).toBeGreaterThanOrEqual(2);
    expect((await live.audit()).filter((r) => r.kind === 'restore.succeeded')).toHaveLength(1);
  });

  it('keeps a run still in flight however long it takes', async () => {
    live = await startLiveBot();
    await startedOnA(live, 5);

    live.advance(finishedRunTtlMs * 2);

    expect((await live.store.list<RunRecord>('restore/run/'))[0]?.value.phase).toBe('polling');
  });

  it('does not take over a completion another replica is posting right now', async () => {
    live = await startLiveBot();
    await startedOnA(live, 0);
    const runId = (await live.store.list<RunRecord>('restore/run/'))[0]?.value.id ?? '';
    const now = live.clock.now().toISOString();
    // Another replica claimed the outcome a moment ago and is sending it.
    await live.store.write(`restore/done/${runId}`, {
      outcome: 'succeeded',
      at: now,
      by: 'replica-c',
      attemptAt: now,
    });

    live.scheduler.fire();
    await live.runner.idle();

    expect(completions(live)).toHaveLength(0);
  });

  it('sends a completion the channel refused again later, and records it as posted only then', async () => {
    live = await startLiveBot();
    await startedOnA(live, 0);
    live.messenger.failSends = 1;

    live.scheduler.fire();
    await live.runner.idle();
    expect(completions(live)).toHaveLength(0);
    expect((await doneRecord(live))?.sentAt).toBeUndefined();

    await live.settle();
    expect(completions(live)).toHaveLength(1);
    expect((await doneRecord(live))?.sentAt).toEqual(expect.any(String));
    expect((await live.audit()).filter((r) => r.kind === 'restore.succeeded')).toHaveLength(1);
  });

  it(`gives up on the completion after ${MAX_OUTCOME_SENDS} refusals and still ends the restore`, async () => {
    live = await startLiveBot();
    await startedOnA(live, 0);
    live.messenger.failSends = MAX_OUTCOME_SENDS;

    await live.settle();

    expect(completions(live)).toHaveLength(0);
    expect((await doneRecord(live))?.gaveUpAt).toEqual(expect.any(String));
    expect((await live.store.list<RunRecord>('restore/run/'))[0]?.value.phase).toBe('done');
    expect((await live.audit()).filter((r) => r.kind === 'restore.succeeded')).toHaveLength(1);
  });

  it('lets another replica carry on at once when the polling one shuts down cleanly', async () => {
    live = await startLiveBot();
    await startedOnA(live, 2);

    await live.runner.stop();
    const b = replicaB(live);
    stopB = () => b.runner.stop();
    await b.runner.start();
    await b.until(() => completions(live).length > 0);

    expect(b.polls()).toBeGreaterThan(0);
    expect(completions(live)).toHaveLength(1);
  });
});
