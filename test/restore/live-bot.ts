import { MemoryStore } from '../../adapters/store/memory-store.js';
import { composeEngine } from '../../bot/build-core.js';
import { liveAzureDialogs } from '../../bot/live-azure.js';
import type { Address, Json, Reply } from '../../bot/model.js';
import { silentLogger } from '../../bot/ports/logger.js';
import type { PostgresOps } from '../../bot/ports/postgres-ops.js';
import type { Scheduler } from '../../bot/ports/scheduler.js';
import type { Store } from '../../bot/ports/store.js';
import type { AuditEntry } from '../../dialogs/common/audit.js';
import type { RestorePolicy } from '../../dialogs/common/restore-policy.js';
import { RestoreRunner } from '../../dialogs/restore/index.js';
import { loopbackOps, SUB_A } from '../azure/loopback-ops.js';
import { ArmLoopback } from '../support/arm-loopback/arm-loopback.js';
import { button, createTestBot } from '../support/create-test-bot.js';
import { ManualClock, sequentialIds } from '../support/manual-clock.js';
import { RecordingMessenger } from '../support/recording-messenger.js';
import { realMatcher } from '../support/shared-knowledge.js';

export { SUB_A, SUB_B } from '../azure/loopback-ops.js';

/** Timers that fire only when the test says so: no real waits, and the requested delays are visible. */
export class ManualScheduler implements Scheduler {
  private pending: Array<{ ms: number; run: () => void; cancelled: boolean }> = [];
  readonly delays: number[] = [];

  after(ms: number, run: () => void): () => void {
    const timer = { ms, run, cancelled: false };
    this.pending.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  get waiting(): number {
    return this.pending.filter((t) => !t.cancelled).length;
  }

  /** Fires every pending timer once; returns how many fired. */
  fire(): number {
    const due = this.pending.filter((t) => !t.cancelled);
    this.pending = [];
    for (const t of due) {
      this.delays.push(t.ms);
      t.run();
    }
    return due.length;
  }
}

export const slackAddress: Address = {
  channel: 'slack',
  conversationId: 'C0RESTORE',
  threadId: '1700000000.000100',
};
let runners = 0;
export const NOW = '2026-01-10T12:00:00Z';

export interface LiveBotOptions {
  enabled?: boolean;
  /** Slack user ids on the allowlist (default U1). */
  allowed?: string[];
  /** Wrap the real ops (to hold or count calls). */
  wrapOps?: (ops: PostgresOps) => PostgresOps;
  /** Wrap the store every part uses (to make it fail); the audit is read from the store underneath. */
  wrapStore?: (store: Store) => Store;
}

/**
 * The whole live path for a transcript test: the real engine, matcher and dialogs, the real
 * AzurePostgresOps over the loopback ARM, a memory store, a recording messenger and a runner whose
 * timers the test fires.
 */
export async function startLiveBot(options: LiveBotOptions = {}) {
  const arm = await ArmLoopback.start();
  const clock = new ManualClock(NOW);
  const memory = new MemoryStore(clock);
  const store = options.wrapStore ? options.wrapStore(memory) : memory;
  const realOps = loopbackOps(arm).ops;
  const ops = options.wrapOps ? options.wrapOps(realOps) : realOps;
  const messenger = new RecordingMessenger();
  const scheduler = new ManualScheduler();
  const policy: RestorePolicy & { enabled: boolean } = {
    enabled: options.enabled ?? true,
    allowedUsers: (options.allowed ?? ['U1']).map((id) => ({ channel: 'slack', id })),
  };
  const newRunner = (runnerOps: PostgresOps = ops) =>
    new RestoreRunner({
      ops: runnerOps,
      store,
      messenger,
      clock,
      ids: sequentialIds(`runner${++runners}`),
      logger: silentLogger,
      scheduler,
    });
  let runner: RestoreRunner = newRunner();
  await runner.start();
  const queue = { enqueue: (id: string) => runner.enqueue(id) };
  const dialogs = liveAzureDialogs({ ops, restore: policy, runner: queue });
  const bot = createTestBot({ store, now: NOW, dialogs, address: slackAddress });

  /** Lets the runner work until nothing is running and no timer is pending. */
  async function settle(maxRounds = 50): Promise<void> {
    for (let i = 0; i < maxRounds; i++) {
      await runner.idle();
      if (scheduler.fire() === 0) {
        await runner.idle();
        if (scheduler.waiting === 0) return;
      }
    }
    throw new Error('the runner did not settle');
  }

  /** A second engine over the same store (another replica), with its own ids. */
  function replica() {
    const engine = composeEngine({
      kb: realMatcher(),
      store,
      clock: bot.clock,
      ids: sequentialIds('replica'),
      logger: silentLogger,
      dialogs: liveAzureDialogs({ ops, restore: policy, runner: queue }),
    });
    return {
      click: (userId: string, id: string, value?: Json): Promise<Reply[]> =>
        engine.handle({
          address: slackAddress,
          user: { id: userId },
          text: '',
          action: { id, ...(value !== undefined ? { value } : {}) },
        }),
    };
  }

  return {
    arm,
    ops,
    store,
    /** The runner's and the store's clock (TTLs and leases); advance() moves it. */
    clock,
    messenger,
    scheduler,
    policy,
    bot,
    from: bot.from,
    settle,
    replica,
    get runner() {
      return runner;
    },
    /** Simulates a restart: the old runner stops; a new one (and new SDK clients) resumes from the store. */
    async restart(): Promise<RestoreRunner> {
      runner.stop();
      await runner.idle();
      runner = newRunner(loopbackOps(arm).ops);
      await runner.start();
      return runner;
    },
    advance(ms: number) {
      clock.advance(ms);
      bot.clock.advance(ms);
    },
    puts: () => arm.count('flexible.put'),
    audit: () => auditRows(memory),
    close: async () => {
      runner.stop();
      await Promise.race([runner.idle(), new Promise((r) => setTimeout(r, 300))]);
      // A request the SDK sent after an early failure (Promise.all) can keep a keep-alive connection open
      // for ~5 s past arm.close(); the port is released in the background, the test need not wait.
      await Promise.race([arm.close(), new Promise((r) => setTimeout(r, 300))]);
    },
  };
}

export type LiveBot = Awaited<ReturnType<typeof startLiveBot>>;

export async function auditRows(store: Store): Promise<AuditEntry[]> {
  return (await store.list<AuditEntry>('audit/')).map((r) => r.value);
}

export function addOrders(
  arm: ArmLoopback,
  spec: Partial<Parameters<ArmLoopback['addFlexibleServer']>[0]> = {},
) {
  return arm.addFlexibleServer({
    subscriptionId: SUB_A,
    resourceGroup: 'rg-prod',
    name: 'pg-orders',
    ...spec,
  });
}

/** Walks the restore dialog to its summary with the suggested name and resource group. */
export async function toSummary(live: LiveBot, userId = 'U1', text = 'restore pg-orders'): Promise<Reply> {
  const [askName] = await live.from(userId).send(text);
  const useName = button(askName, 'restore.name');
  const [askGroup] = await live.from(userId).click(useName.id, useName.value);
  const useGroup = button(askGroup, 'restore.group');
  const [summary] = await live.from(userId).click(useGroup.id, useGroup.value);
  if (summary?.kind !== 'confirm') throw new Error(`expected a summary, got ${JSON.stringify(summary)}`);
  return summary;
}

/** Types the source name and clicks Start: the complete confirmation. */
export async function confirm(
  live: LiveBot,
  summary: Reply,
  userId = 'U1',
  name = 'pg-orders',
): Promise<Reply[]> {
  await live.from(userId).send(name);
  const start = button(summary, 'restore.confirm');
  return live.from(userId).click(start.id, start.value);
}
