import { isBotError } from '../bot/errors.js';
import type { Clock, Ids } from '../bot/ports/clock.js';
import type { Logger } from '../bot/ports/logger.js';
import type { Messenger } from '../bot/ports/messenger.js';
import type { AzureErrorInfo, PostgresOps, ServerFacts } from '../bot/ports/postgres-ops.js';
import type { Store } from '../bot/ports/store.js';
import { serverRef } from '../bot/server-resource-id.js';
import { azureInfo, describeAzureProblem } from './check-azure-problem.js';
import { appendAudit } from './restore-audit.js';
import type { OpRecord } from './restore-confirmation.js';
import { doneKey, type RunRecord, runKey, runPrefix } from './restore-run-record.js';
import { completedReply, failedReply, progressReply } from './restore-runner-replies.js';

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
  /** Told once when a restore ends failed or unknown (a ticket is opened for it when support is on). */
  onFailed?: (run: RunRecord, failure: RestoreFailure) => Promise<void>;
}

export type RestoreFailure = {
  status: 'failed' | 'unknown';
  summary: string;
  code: string;
  azure: AzureErrorInfo;
};

type Outcome =
  | { status: 'succeeded'; server?: ServerFacts }
  | { status: 'failed' | 'unknown'; summary: string; advice: string; azure: AzureErrorInfo; code: string };

const transient = (err: unknown) =>
  isBotError(err, 'azure.throttled') || isBotError(err, 'azure.unavailable');

/**
 * Runs confirmed geo-restores outside the turn: one PUT, then status polls resumed from the persisted
 * handle, one progress message edited in place, and one outcome message. Everything it needs is in
 * `restore/run/<id>`, so `start()` in a new process picks up every restore still in flight.
 */
export class RestoreRunner implements RestoreQueue {
  private readonly timers = new Map<string, () => void>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly scheduler: Scheduler;
  private stopped = true;

  constructor(private readonly deps: RestoreRunnerDeps) {
    this.scheduler = deps.scheduler ?? timerScheduler;
  }

  /** Resumes every persisted restore that has not ended; returns how many. */
  async start(): Promise<number> {
    this.stopped = false;
    const runs = await this.deps.store.list<RunRecord>(runPrefix);
    const open = runs.filter((r) => r.value.phase !== 'done');
    for (const r of open) this.enqueue(r.value.id);
    this.deps.logger.info({ resumed: open.length }, 'restore.runner.started');
    return open.length;
  }

  /** Cancels the timers; steps already running finish (await idle() to wait for them). */
  stop(): void {
    this.stopped = true;
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }

  enqueue(runId: string): void {
    if (this.stopped) return;
    this.timers.get(runId)?.();
    this.timers.delete(runId);
    if (this.running.has(runId)) {
      this.again.add(runId);
      return;
    }
    const step = this.step(runId)
      .catch((err: unknown) => {
        this.deps.logger.error({ err, runId }, 'restore.step.failed');
        this.later(runId, this.deps.retryInMs ?? 15_000);
      })
      .finally(() => {
        this.running.delete(runId);
        if (this.again.delete(runId)) this.enqueue(runId);
      });
    this.running.set(runId, step);
  }

  /** Resolves when no step is running (timers may still be pending). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
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
        return this.afterUncertainPut(run);
      case 'polling':
        return this.poll(run, doc.eTag);
      case 'watching':
        return this.watch(run, doc.eTag);
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
      return this.finish(run, this.problem(err, 'checking the new server name'));
    }
    if (existing) {
      return this.finish(run, {
        status: 'failed',
        code: 'target-exists',
        summary: `A server named ${run.request.target.name} already exists, so I did not send the restore. Nothing was created or changed.`,
        advice: 'Start again with another name for the new server.',
        azure: {},
      });
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
      return this.finish(run, this.problem(err, 'starting the geo-restore'));
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
    if (!handle) return this.afterUncertainPut(polling);
    let run = polling;
    let progress: Awaited<ReturnType<PostgresOps['pollGeoRestore']>>;
    try {
      progress = await this.deps.ops.pollGeoRestore(handle);
    } catch (err) {
      if (!transient(err)) return this.finish(run, this.lostTrack(err));
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
      return this.finish(run, { status: 'succeeded', server: progress.server });
    if (progress.status === 'Failed') {
      return this.finish(run, {
        status: 'failed',
        code: 'azure.failed',
        summary: `The geo-restore of ${run.request.source.name} to ${run.request.target.name} failed in Azure${progress.error.code ? ` (Azure code ${progress.error.code})` : ''}.`,
        advice: `Azure usually removes the unfinished server; check resource group ${run.request.target.resourceGroup} before you try again.`,
        azure: progress.error,
      });
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
  private async afterUncertainPut(run: RunRecord): Promise<void> {
    try {
      const server = await this.deps.ops.getServer(this.targetRef(run));
      if (!server) {
        return this.finish(run, {
          status: 'failed',
          code: 'not-started',
          summary: `I was interrupted while sending the restore, and Azure shows no server named ${run.request.target.name}. The restore did not start; nothing was created.`,
          advice: 'You can start it again.',
          azure: {},
        });
      }
      await this.save({ ...run, phase: 'watching' }, undefined);
      this.enqueue(run.id);
    } catch (err) {
      if (!transient(err)) return this.finish(run, this.lostTrack(err));
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
      if (!transient(err)) return this.finish(run, this.lostTrack(err));
      return this.later(run.id, this.backoff(run, err));
    }
    run = { ...run, checks: run.checks + 1, lastCheckedAt: this.now().toISOString() };
    if (!server) {
      return this.finish(run, {
        status: 'failed',
        code: 'azure.failed',
        summary: `The new server ${run.request.target.name} is gone: the geo-restore failed in Azure.`,
        advice: 'Check the activity log of the resource group for the reason, then try again.',
        azure: {},
      });
    }
    if (server.state === 'Ready') return this.finish(run, { status: 'succeeded', server });
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

  private async finish(ended: RunRecord, outcome: Outcome): Promise<void> {
    const { store, ids, messenger, logger } = this.deps;
    const status = outcome.status;
    try {
      await store.write(
        doneKey(ended.id),
        { outcome: status, at: this.now().toISOString() },
        { ifAbsent: true },
      );
    } catch (err) {
      if (!isBotError(err, 'store.conflict')) throw err;
      logger.info({ runId: ended.id }, 'restore.outcome.alreadyPosted');
      return;
    }
    let run: RunRecord = { ...ended, phase: 'done', outcome: status };
    run = await this.progress(
      run,
      status === 'succeeded'
        ? 'Finished: the new server is ready.'
        : status === 'failed'
          ? 'Finished: the restore failed.'
          : 'I can no longer follow this restore.',
    );
    await this.save(run, undefined);
    const reply =
      outcome.status === 'succeeded'
        ? completedReply(run, outcome.server)
        : failedReply(run, outcome.summary, outcome.advice, outcome.azure);
    try {
      await messenger.send(run.address, reply);
    } catch (err) {
      logger.error({ err, runId: run.id }, 'restore.outcome.sendFailed');
    }
    await appendAudit(store, ids, this.now(), {
      kind: status === 'succeeded' ? 'restore.succeeded' : 'restore.failed',
      outcome: outcome.status === 'succeeded' ? 'succeeded' : `${outcome.status}:${outcome.code}`,
      runId: run.id,
      askedBy: run.askedBy,
      confirmedBy: run.confirmedBy,
      server: run.request.source.id,
      params: run.request,
      azure: outcome.status === 'succeeded' ? (run.handle?.azure ?? {}) : outcome.azure,
    });
    const op: OpRecord = {
      runId: run.id,
      status: status === 'succeeded' ? 'succeeded' : 'failed',
      at: this.now().toISOString(),
    };
    // `failed` frees the target for a new confirmation (which GETs the name first); `succeeded` and
    // `unknown` keep it held.
    if (status !== 'unknown') await store.write(run.opKey, op);
    if (outcome.status !== 'succeeded' && this.deps.onFailed) {
      const { summary, code, azure } = outcome;
      await this.deps
        .onFailed(run, { status: outcome.status, summary, code, azure })
        .catch((err: unknown) => {
          logger.error({ err, runId: run.id }, 'restore.escalation.failed');
        });
    }
  }
}
