import { isBotError } from '../bot/errors.js';
import { HeldLeases } from '../bot/leases/held-leases.js';
import { Leases } from '../bot/leases/leases.js';
import type { Clock, Ids } from '../bot/ports/clock.js';
import type { Logger } from '../bot/ports/logger.js';
import type { Messenger } from '../bot/ports/messenger.js';
import type { PostgresOps, ServerFacts } from '../bot/ports/postgres-ops.js';
import type { Store } from '../bot/ports/store.js';
import { serverRef } from '../bot/server-resource-id.js';
import { azureInfo, describeAzureProblem } from './check-azure-problem.js';
import { appendAudit } from './restore-audit.js';
import { deliverOutcome } from './restore-outcome.js';
import { type RunRecord, type RunResult, runKey, runPrefix } from './restore-run-record.js';
import { progressReply } from './restore-runner-replies.js';

/** Timers, injected so that tests drive time and nothing really waits. Returns a cancel function. */
export interface Scheduler {
  after(ms: number, run: () => void): () => void;
}

export const timerScheduler: Scheduler = {
  after(ms, run) {
    const timer = setTimeout(run, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** What the restore dialog needs of the runner: hand over a confirmed, persisted run. */
export interface RestoreQueue {
  enqueue(runId: string): void;
}

export interface RestoreRunnerDeps {
  ops: PostgresOps;
  store: Store;
  messenger: Messenger;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  scheduler?: Scheduler;
  /** Wait after the PUT before the first status check. */
  firstPollInMs?: number;
  /** Wait after a transient failure (doubled each time, up to maxRetryInMs) when Azure gives no Retry-After. */
  retryInMs?: number;
  maxRetryInMs?: number;
  /**
   * Leases over the same store, with this process's holder id: a run is worked on only while its lease
   * is held. By default a holder id from `ids` and a TTL of DEFAULT_LEASE_TTL_MS.
   */
  leases?: Leases;
  /**
   * How often to look for runs that no live replica holds (their holder died) and take them over.
   * Unset: only start() looks, once.
   */
  adoptEveryMs?: number;
  /** Timers for lease renewals and adoption scans; `scheduler` by default. */
  leaseScheduler?: Scheduler;
}

export const DEFAULT_LEASE_TTL_MS = 60_000;
const leaseName = (runId: string) => `restore/${runId}`;
const runIdOf = (name: string) => name.slice('restore/'.length);

type Outcome = RunResult;

const transient = (err: unknown) =>
  isBotError(err, 'azure.throttled') || isBotError(err, 'azure.unavailable');

/**
 * Runs confirmed geo-restores outside the turn: one PUT, then status polls resumed from the persisted
 * handle, one progress message edited in place, and one outcome message. Everything it needs is in
 * `restore/run/<id>`, so `start()` in a new process picks up every restore still in flight. With
 * several replicas on one store, a run is worked on only by the replica holding its lease; a heartbeat
 * renews the leases held, and every `adoptEveryMs` a replica takes over runs whose holder died.
 */
export class RestoreRunner implements RestoreQueue {
  private readonly timers = new Map<string, () => void>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  /** Lease releases and adoption scans under way, so that idle() waits for them too. */
  private readonly chores = new Set<Promise<void>>();
  private readonly scheduler: Scheduler;
  private readonly leaseScheduler: Scheduler;
  private readonly held: HeldLeases;
  private cancelAdopt: (() => void) | undefined;
  private stopped = true;

  constructor(private readonly deps: RestoreRunnerDeps) {
    this.scheduler = deps.scheduler ?? timerScheduler;
    this.leaseScheduler = deps.leaseScheduler ?? this.scheduler;
    const leases =
      deps.leases ??
      new Leases({
        store: deps.store,
        clock: deps.clock,
        holder: deps.ids.next(),
        ttlMs: DEFAULT_LEASE_TTL_MS,
      });
    this.held = new HeldLeases(leases, {
      timers: this.leaseScheduler,
      onLost: (name) => {
        const runId = runIdOf(name);
        this.timers.get(runId)?.();
        this.timers.delete(runId);
        deps.logger.info({ runId }, 'restore.lease.lost');
      },
      onError: (err) => deps.logger.warn({ err }, 'restore.lease.renewFailed'),
    });
  }

  /** This replica's lease holder id. */
  get holder(): string {
    return this.held.leases.holder;
  }

  /** Resumes every persisted restore that has not ended and that no live replica holds; returns how many are open. */
  async start(): Promise<number> {
    this.stopped = false;
    const open = await this.openRuns();
    for (const runId of open) this.enqueue(runId);
    this.adoptLater();
    this.deps.logger.info({ open: open.length, holder: this.holder }, 'restore.runner.started');
    return open.length;
  }

  /**
   * Cancels the timers and releases every lease at once, so another replica carries on without waiting
   * for them to expire; steps already running finish (await idle() to wait for them and the releases).
   */
  stop(): Promise<void> {
    this.stopped = true;
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    this.cancelAdopt?.();
    this.cancelAdopt = undefined;
    return this.chore(this.held.releaseAll());
  }

  enqueue(runId: string): void {
    if (this.stopped) return;
    this.timers.get(runId)?.();
    this.timers.delete(runId);
    if (this.running.has(runId)) {
      this.again.add(runId);
      return;
    }
    const step = this.underLease(runId)
      .catch((err: unknown) => {
        this.deps.logger.error({ err, runId }, 'restore.step.failed');
        this.later(runId, this.deps.retryInMs ?? 15_000);
      })
      .finally(() => {
        this.running.delete(runId);
        if (this.again.delete(runId)) this.enqueue(runId);
        // Nothing more to do here (ended, or moved on by another replica): let the lease go.
        else if (!this.timers.has(runId) && this.held.has(leaseName(runId)))
          void this.chore(this.held.release(leaseName(runId)));
      });
    this.running.set(runId, step);
  }

  /** Resolves when no step, lease renewal or release is running (timers may still be pending). */
  async idle(): Promise<void> {
    while (this.running.size > 0 || this.chores.size > 0) {
      await Promise.allSettled([...this.running.values(), ...this.chores]);
      await this.held.idle();
    }
    await this.held.idle();
  }

  private async underLease(runId: string): Promise<void> {
    if (!(await this.held.hold(leaseName(runId)))) {
      this.deps.logger.debug({ runId }, 'restore.lease.heldElsewhere');
      return;
    }
    await this.step(runId);
  }

  private chore(work: Promise<void>): Promise<void> {
    const done = work
      .catch((err: unknown) => this.deps.logger.warn({ err }, 'restore.lease.choreFailed'))
      .finally(() => this.chores.delete(done));
    this.chores.add(done);
    return done;
  }

  private adoptLater(): void {
    const every = this.deps.adoptEveryMs;
    if (this.stopped || every === undefined) return;
    this.cancelAdopt = this.leaseScheduler.after(every, () => {
      this.cancelAdopt = undefined;
      void this.chore(this.adopt().finally(() => this.adoptLater()));
    });
  }

  /** Takes on open runs nobody here works on; enqueue() gets each lease only if its holder is gone. */
  private async adopt(): Promise<void> {
    for (const runId of await this.openRuns()) {
      if (this.running.has(runId) || this.timers.has(runId) || this.held.has(leaseName(runId))) continue;
      if (await this.held.leases.holderOf(leaseName(runId))) continue;
      this.deps.logger.info({ runId }, 'restore.run.adopted');
      this.enqueue(runId);
    }
  }

  private async openRuns(): Promise<string[]> {
    const runs = await this.deps.store.list<RunRecord>(runPrefix);
    return runs.filter((r) => r.value.phase !== 'done').map((r) => r.value.id);
  }

  private later(runId: string, ms: number): void {
    if (this.stopped) return;
    this.timers.get(runId)?.();
    this.timers.set(
      runId,
      this.scheduler.after(ms, () => {
        this.timers.delete(runId);
        this.enqueue(runId);
      }),
    );
  }

  private backoff(run: RunRecord, err: unknown): number {
    const hinted = azureInfo(err).retryAfterMs;
    if (hinted !== undefined) return Math.max(hinted, 1000);
    const base = this.deps.retryInMs ?? 15_000;
    return Math.min(base * 2 ** Math.min(run.failures, 10), this.deps.maxRetryInMs ?? 300_000);
  }

  private async step(runId: string): Promise<void> {
    const doc = await this.deps.store.read<RunRecord>(runKey(runId));
    if (!doc || doc.value.phase === 'done') return;
    const run = doc.value;
    switch (run.phase) {
      case 'queued':
        return this.put(run, doc.eTag);
      case 'putting':
        return this.afterUncertainPut(run, doc.eTag);
      case 'polling':
        return this.poll(run, doc.eTag);
      case 'watching':
        return this.watch(run, doc.eTag);
      case 'finishing':
        return this.deliver(run, doc.eTag);
    }
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  private targetRef(run: RunRecord) {
    const t = run.request.target;
    return serverRef('flexible-server', t.subscriptionId, t.resourceGroup, t.name);
  }

  private async save(run: RunRecord, eTag: string | undefined): Promise<string> {
    return this.deps.store.write(runKey(run.id), run, eTag ? { eTag } : {});
  }

  /** Sends the progress message the first time, edits it afterwards; a channel failure never stops the restore. */
  private async progress(run: RunRecord, status: string): Promise<RunRecord> {
    const reply = progressReply(run, status, this.now());
    const { messenger, logger } = this.deps;
    try {
      if (run.message) {
        await messenger.update(run.message, reply);
        return run;
      }
    } catch (err) {
      logger.warn({ err, runId: run.id }, 'restore.progress.updateFailed');
    }
    try {
      const sent = await messenger.send(run.address, reply);
      return { ...run, message: { address: run.address, messageId: sent.messageId } };
    } catch (err) {
      logger.warn({ err, runId: run.id }, 'restore.progress.sendFailed');
      return run;
    }
  }

  private async put(queued: RunRecord, eTag: string): Promise<void> {
    const { ops, store } = this.deps;
    let run = await this.progress(queued, 'Checking that the new server name is still free…');
    let tag = await this.save(run, eTag);
    let existing: ServerFacts | undefined;
    try {
      existing = await ops.getServer(this.targetRef(run));
    } catch (err) {
      if (transient(err)) {
        run = { ...run, failures: run.failures + 1 };
        await this.save(run, tag);
        return this.later(run.id, this.backoff(run, err));
      }
      return this.finish(run, this.problem(err, 'checking the new server name'), tag);
    }
    if (existing) {
      return this.finish(
        run,
        {
          status: 'failed',
          code: 'target-exists',
          summary: `A server named ${run.request.target.name} already exists, so I did not send the restore. Nothing was created or changed.`,
          advice: 'Start again with another name for the new server.',
          azure: {},
        },
        tag,
      );
    }
    // The claim: of all workers that read this run as queued, only one moves it on and sends the PUT.
    run = { ...run, phase: 'putting', failures: 0 };
    try {
      tag = await this.save(run, tag);
    } catch (err) {
      if (isBotError(err, 'store.conflict')) return;
      throw err;
    }
    let handle: RunRecord['handle'];
    try {
      handle = await ops.startGeoRestore(run.request);
    } catch (err) {
      return this.finish(run, this.problem(err, 'starting the geo-restore'), tag);
    }
    run = { ...run, phase: 'polling', handle, lastCheckedAt: this.now().toISOString() };
    tag = await this.save(run, tag);
    await appendAudit(store, this.deps.ids, this.now(), {
      kind: 'restore.started',
      outcome: 'accepted',
      runId: run.id,
      askedBy: run.askedBy,
      confirmedBy: run.confirmedBy,
      server: run.request.source.id,
      params: run.request,
      azure: handle.azure,
    });
    run = await this.progress(run, `Azure accepted the restore. Creating ${run.request.target.name}…`);
    await this.save(run, tag);
    this.later(run.id, this.deps.firstPollInMs ?? 30_000);
  }

  private async poll(polling: RunRecord, eTag: string): Promise<void> {
    const handle = polling.handle;
    if (!handle) return this.afterUncertainPut(polling, eTag);
    let run = polling;
    let progress: Awaited<ReturnType<PostgresOps['pollGeoRestore']>>;
    try {
      progress = await this.deps.ops.pollGeoRestore(handle);
    } catch (err) {
      if (!transient(err)) return this.finish(run, this.lostTrack(err), eTag);
      run = { ...run, failures: run.failures + 1 };
      if (await this.saveUnlessTaken(run, eTag)) this.later(run.id, this.backoff(run, err));
      return;
    }
    run = {
      ...run,
      handle: progress.handle,
      checks: run.checks + 1,
      failures: 0,
      lastCheckedAt: this.now().toISOString(),
    };
    if (progress.status === 'Succeeded')
      return this.finish(run, { status: 'succeeded', server: progress.server }, eTag);
    if (progress.status === 'Failed') {
      return this.finish(
        run,
        {
          status: 'failed',
          code: 'azure.failed',
          summary: `The geo-restore of ${run.request.source.name} to ${run.request.target.name} failed in Azure${progress.error.code ? ` (Azure code ${progress.error.code})` : ''}.`,
          advice: `Azure usually removes the unfinished server; check resource group ${run.request.target.resourceGroup} before you try again.`,
          azure: progress.error,
        },
        eTag,
      );
    }
    run = await this.progress(
      run,
      `Restoring ${run.request.target.name}: still in progress (${run.checks} status checks so far).`,
    );
    if (await this.saveUnlessTaken(run, eTag)) this.later(run.id, Math.max(progress.nextPollInMs, 1000));
  }

  /** False when another worker (a second replica after a restart) moved the run on: it carries on, not us. */
  private async saveUnlessTaken(run: RunRecord, eTag: string): Promise<boolean> {
    try {
      await this.save(run, eTag);
      return true;
    } catch (err) {
      if (isBotError(err, 'store.conflict')) return false;
      throw err;
    }
  }

  /** A restart between claiming the PUT and saving its handle: look, never send it again. */
  private async afterUncertainPut(run: RunRecord, eTag: string): Promise<void> {
    try {
      const server = await this.deps.ops.getServer(this.targetRef(run));
      if (!server) {
        return this.finish(
          run,
          {
            status: 'failed',
            code: 'not-started',
            summary: `I was interrupted while sending the restore, and Azure shows no server named ${run.request.target.name}. The restore did not start; nothing was created.`,
            advice: 'You can start it again.',
            azure: {},
          },
          eTag,
        );
      }
      if (!(await this.saveUnlessTaken({ ...run, phase: 'watching' }, eTag))) return;
      this.enqueue(run.id);
    } catch (err) {
      if (!transient(err)) return this.finish(run, this.lostTrack(err), eTag);
      this.later(run.id, this.backoff(run, err));
    }
  }

  /** Without a poller handle, the new server's own state tells how the restore goes. */
  private async watch(watching: RunRecord, eTag: string): Promise<void> {
    let run = watching;
    let server: ServerFacts | undefined;
    try {
      server = await this.deps.ops.getServer(this.targetRef(run));
    } catch (err) {
      if (!transient(err)) return this.finish(run, this.lostTrack(err), eTag);
      return this.later(run.id, this.backoff(run, err));
    }
    run = { ...run, checks: run.checks + 1, lastCheckedAt: this.now().toISOString() };
    if (!server) {
      return this.finish(
        run,
        {
          status: 'failed',
          code: 'azure.failed',
          summary: `The new server ${run.request.target.name} is gone: the geo-restore failed in Azure.`,
          advice: 'Check the activity log of the resource group for the reason, then try again.',
          azure: {},
        },
        eTag,
      );
    }
    if (server.state === 'Ready') return this.finish(run, { status: 'succeeded', server }, eTag);
    run = await this.progress(
      run,
      `Restoring ${run.request.target.name}: the new server is ${server.state ?? 'being created'}.`,
    );
    if (await this.saveUnlessTaken(run, eTag)) this.later(run.id, this.deps.retryInMs ?? 15_000);
  }

  private problem(err: unknown, doing: string): Outcome {
    const p = describeAzureProblem(err, doing);
    return { status: 'failed', code: p.code, summary: p.summary, advice: p.advice, azure: p.azure };
  }

  private lostTrack(err: unknown): Outcome {
    const p = describeAzureProblem(err, 'checking the progress of the geo-restore');
    return {
      status: 'unknown',
      code: p.code,
      summary: p.summary,
      advice: `${p.advice} The restore may still be running in Azure: check the new server in the portal.`,
      azure: p.azure,
    };
  }

  /** Keeps the decided outcome with the run before posting it, so a restart posts it, never decides again. */
  private async finish(ended: RunRecord, outcome: Outcome, eTag: string): Promise<void> {
    const run: RunRecord = {
      ...ended,
      phase: 'finishing',
      failures: 0,
      outcome: outcome.status,
      result: outcome,
    };
    let tag: string;
    try {
      tag = await this.save(run, eTag);
    } catch (err) {
      if (isBotError(err, 'store.conflict')) return;
      throw err;
    }
    return this.deliver(run, tag);
  }

  private async deliver(run: RunRecord, eTag: string): Promise<void> {
    const { store, messenger, clock, ids, logger } = this.deps;
    const delivery = await deliverOutcome(
      {
        store,
        messenger,
        clock,
        ids,
        logger,
        holder: this.holder,
        claimTtlMs: this.held.leases.ttlMs,
        progress: (r, status) => this.progress(r, status),
        retryInMs: (failures) => this.backoff({ ...run, failures }, undefined),
      },
      run,
      eTag,
    );
    if (delivery.next === 'later') this.later(run.id, delivery.inMs);
  }
}
