import { HeldLeases } from '../../../bot/leases/held-leases.js';
import { Leases } from '../../../bot/leases/leases.js';
import { type Scheduler, timerScheduler } from '../../../bot/ports/scheduler.js';
import { type RunRecord, runPrefix } from './restore-run-record.js';
import { type NextStep, RestoreSteps, type RestoreWork } from './restore-steps.js';

/** What the restore dialog needs of the runner: hand over a confirmed, persisted run. */
export interface RestoreQueue {
  enqueue(runId: string): void;
}

export interface RestoreRunnerDeps extends RestoreWork {
  scheduler?: Scheduler;
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
  private readonly steps: RestoreSteps;
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
    this.steps = new RestoreSteps({
      ...deps,
      holder: this.held.leases.holder,
      claimTtlMs: this.held.leases.ttlMs,
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
    this.schedule(runId, await this.steps.step(runId));
  }

  /** What the step asked for: nothing, its next step later, or at once (after this one has finished). */
  private schedule(runId: string, next: NextStep): void {
    if (next.next === 'later') this.later(runId, next.inMs);
    else if (next.next === 'now') this.again.add(runId);
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
}
