import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../bot/ports/logger.js';
import type { PostgresOps } from '../../bot/ports/postgres-ops.js';
import { RestoreRunner } from '../../dialogs/restore/index.js';
import { loopbackOps } from '../azure/loopback-ops.js';
import { ManualClock, sequentialIds } from '../support/manual-clock.js';
import { addOrders, confirm, type LiveBot, NOW, startLiveBot, toSummary } from './live-bot.js';

describe('a restart in the middle of a geo-restore', () => {
  let live: LiveBot;
  afterEach(() => live.close());

  it('resumes polling in a new runner from the persisted handle and posts exactly one completion', async () => {
    live = await startLiveBot();
    addOrders(live.arm);
    live.arm.scriptRestores({ pollsUntilDone: 3 });
    const summary = await toSummary(live);
    await confirm(live, summary);
    await live.runner.idle();
    live.scheduler.fire();
    await live.runner.idle();
    expect(live.puts()).toBe(1);
    const progressId = live.messenger.sent[0]?.messageId;

    const resumed = await live.restart();
    await live.settle();

    expect(resumed).not.toBeUndefined();
    expect(live.puts()).toBe(1);
    expect(live.messenger.titled('Geo-restore complete')).toHaveLength(1);
    expect(live.messenger.sent.filter((s) => s.reply.kind === 'progress')).toHaveLength(1);
    expect(live.messenger.current(progressId ?? '')?.summary).toBe('Finished: the new server is ready.');
    expect((await live.audit()).filter((r) => r.kind === 'restore.succeeded')).toHaveLength(1);
  });

  it('posts one completion when two replicas resume the same restore at once', async () => {
    live = await startLiveBot();
    addOrders(live.arm);
    live.arm.scriptRestores({ pollsUntilDone: 4 });
    const summary = await toSummary(live);
    await confirm(live, summary);
    await live.runner.idle();

    const first = await live.restart();
    const second = new RestoreRunner({
      ops: loopbackOps(live.arm).ops,
      store: live.store,
      messenger: live.messenger,
      clock: new ManualClock(NOW),
      ids: sequentialIds('second'),
      logger: silentLogger,
      scheduler: live.scheduler,
    });
    await second.start();
    for (let i = 0; i < 50; i++) {
      await Promise.all([first.idle(), second.idle()]);
      if (live.scheduler.fire() === 0 && live.scheduler.waiting === 0) break;
    }
    await Promise.all([first.idle(), second.idle()]);
    second.stop();

    expect(live.puts()).toBe(1);
    expect(live.messenger.titled('Geo-restore complete')).toHaveLength(1);
  });

  it('never sends the PUT again after a restart between claiming it and hearing from Azure', async () => {
    const never = new Promise<never>(() => {});
    let reached: () => void = () => {};
    const putReached = new Promise<void>((r) => {
      reached = r;
    });
    live = await startLiveBot({
      wrapOps: (ops): PostgresOps => ({
        findServers: (q) => ops.findServers(q),
        getServer: (r) => ops.getServer(r),
        capabilities: (r, s) => ops.capabilities(r, s),
        checkName: (r, n, s) => ops.checkName(r, n, s),
        latestBackup: (r) => ops.latestBackup(r),
        // The process "dies" here: the PUT never leaves.
        startGeoRestore: () => {
          reached();
          return never;
        },
        pollGeoRestore: (h) => ops.pollGeoRestore(h),
      }),
    });
    addOrders(live.arm);
    const summary = await toSummary(live);
    await confirm(live, summary);
    await putReached;

    live.runner.stop();
    const clock = new ManualClock(NOW);
    const resumed = new RestoreRunner({
      ops: loopbackOps(live.arm).ops,
      store: live.store,
      messenger: live.messenger,
      clock,
      ids: sequentialIds('after'),
      logger: silentLogger,
      scheduler: live.scheduler,
    });
    expect((await live.store.list<{ phase: string }>('restore/run/'))[0]?.value.phase).toBe('putting');
    await resumed.start();
    await resumed.idle();
    // Azure may not show a server it is creating yet: within the PUT's window the runner looks again.
    expect(live.messenger.titled('Geo-restore failed')).toEqual([]);
    live.scheduler.fire();
    await resumed.idle();
    expect(live.messenger.titled('Geo-restore failed')).toEqual([]);

    clock.advance(15 * 60_000);
    live.scheduler.fire();
    await resumed.idle();
    expect(live.puts()).toBe(0);
    const [failed] = live.messenger.titled('Geo-restore failed');
    expect(failed?.summary).toMatch(/Azure shows no server named pg-orders-geo. The restore did not start/);
  });
});
