import { serverRef } from '../../../bot/azure-rules/server-resource-id.js';
import { isBotError } from '../../../bot/errors.js';
import type { Clock, Ids } from '../../../bot/ports/clock.js';
import type { Logger } from '../../../bot/ports/logger.js';
import type { Messenger } from '../../../bot/ports/messenger.js';
import type { PostgresOps, ServerFacts } from '../../../bot/ports/postgres-ops.js';
import type { Store } from '../../../bot/ports/store.js';
import { appendAudit } from '../../common/audit.js';
import { azureInfo } from '../../common/azure-problem.js';
import { deliverOutcome } from './restore-outcome.js';
import { type RestoreFailure, type RunRecord, type RunResult, runKey } from './restore-run-record.js';
import {
  failedInAzure,
  lostTrackOutcome,
  notStarted,
  problemOutcome,
  serverGone,
  targetExists,
} from './run-outcomes.js';
import { sendProgress } from './run-progress.js';

/**
 * What a step asks of the runner that scheduled it: nothing more (the run ended, or another worker
 * carries it on), the next step after `inMs`, or the next step at once.
 */
export type NextStep = { next: 'done' } | { next: 'later'; inMs: number } | { next: 'now' };

const done: NextStep = { next: 'done' };
const later = (inMs: number): NextStep => ({ next: 'later', inMs });

/** What a run's steps work with: Azure, the store, the channel, and the timings of their waits. */
export interface RestoreWork {
  ops: PostgresOps;
  store: Store;
  messenger: Messenger;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /** Wait after the PUT before the first status check. */
  firstPollInMs?: number;
  /** Wait after a transient failure (doubled each time, up to maxRetryInMs) when Azure gives no Retry-After. */
  retryInMs?: number;
  maxRetryInMs?: number;
  /**
   * How long after a PUT that may have been sent a missing new server still means "not yet visible"
   * rather than "not started" (Azure can answer 404 for a server it is creating). 15 minutes by default.
   */
  uncertainPutWindowMs?: number;
  /** Told once when a restore ends failed or unknown (a ticket is opened for it when support is on). */
  onFailed?: (run: RunRecord, failure: RestoreFailure) => Promise<void>;
}

export interface RestoreStepsDeps extends RestoreWork {
  /** This replica's lease holder id. */
  holder: string;
  /** How long a claim to post an outcome stands before another replica may take it over. */
  claimTtlMs: number;
}

type Outcome = RunResult;

const transient = (err: unknown) =>
  isBotError(err, 'azure.throttled') || isBotError(err, 'azure.unavailable');

/**
 * One geo-restore's life, a step at a time, each from the phase persisted in `restore/run/<id>`:
 * check the name is free, claim and send the one PUT, poll Azure (or watch the new server when a
 * restart lost the poller handle), edit the progress message, then decide the outcome and post it
 * once. The runner decides when a step runs and on which replica; a step decides what it does and
 * answers with what comes next, never calling back into the runner.
 */
export class RestoreSteps {
  constructor(private readonly deps: RestoreStepsDeps) {}

  private backoff(run: RunRecord, err: unknown): number {
    const hinted = azureInfo(err).retryAfterMs;
    if (hinted !== undefined) return Math.max(hinted, 1000);
    const base = this.deps.retryInMs ?? 15_000;
    return Math.min(base * 2 ** Math.min(run.failures, 10), this.deps.maxRetryInMs ?? 300_000);
  }

  /** Moves a run on by one step from its persisted phase; call it only while holding the run's lease. */
  async step(runId: string): Promise<NextStep> {
    const doc = await this.deps.store.read<RunRecord>(runKey(runId));
    if (!doc || doc.value.phase === 'done') return done;
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
    return done;
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

  private async put(queued: RunRecord, eTag: string): Promise<NextStep> {
    const { ops, store } = this.deps;
    let run = await sendProgress(this.deps, queued, 'Checking that the new server name is still free…');
    let tag = await this.save(run, eTag);
    let existing: ServerFacts | undefined;
    try {
      existing = await ops.getServer(this.targetRef(run));
    } catch (err) {
      if (transient(err)) {
        run = { ...run, failures: run.failures + 1 };
        await this.save(run, tag);
        return later(this.backoff(run, err));
      }
      return this.finish(run, problemOutcome(err, 'checking the new server name'), tag);
    }
    if (existing) {
      return this.finish(run, targetExists(run), tag);
    }
    // The claim: of all workers that read this run as queued, only one moves it on and sends the PUT.
    run = { ...run, phase: 'putting', failures: 0, putAt: this.now().toISOString() };
    try {
      tag = await this.save(run, tag);
    } catch (err) {
      if (isBotError(err, 'store.conflict')) return done;
      throw err;
    }
    let handle: RunRecord['handle'];
    try {
      handle = await ops.startGeoRestore(run.request);
    } catch (err) {
      return this.finish(run, problemOutcome(err, 'starting the geo-restore'), tag);
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
    run = await sendProgress(
      this.deps,
      run,
      `Azure accepted the restore. Creating ${run.request.target.name}…`,
    );
    await this.save(run, tag);
    return later(this.deps.firstPollInMs ?? 30_000);
  }

  private async poll(polling: RunRecord, eTag: string): Promise<NextStep> {
    const handle = polling.handle;
    if (!handle) return this.afterUncertainPut(polling, eTag);
    let run = polling;
    let progress: Awaited<ReturnType<PostgresOps['pollGeoRestore']>>;
    try {
      progress = await this.deps.ops.pollGeoRestore(handle);
    } catch (err) {
      if (!transient(err)) return this.finish(run, lostTrackOutcome(err), eTag);
      run = { ...run, failures: run.failures + 1 };
      return (await this.saveUnlessTaken(run, eTag)) ? later(this.backoff(run, err)) : done;
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
      return this.finish(run, failedInAzure(run, progress.error), eTag);
    }
    run = await sendProgress(
      this.deps,
      run,
      `Restoring ${run.request.target.name}: still in progress (${run.checks} status checks so far).`,
    );
    return (await this.saveUnlessTaken(run, eTag)) ? later(Math.max(progress.nextPollInMs, 1000)) : done;
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
  private async afterUncertainPut(run: RunRecord, eTag: string): Promise<NextStep> {
    try {
      const server = await this.deps.ops.getServer(this.targetRef(run));
      if (!server) {
        // The PUT may have reached Azure and the server not be visible yet: look again within the window.
        const sentAt = Date.parse(run.putAt ?? '');
        const window = this.deps.uncertainPutWindowMs ?? 15 * 60_000;
        if (this.now().getTime() < sentAt + window) return later(this.deps.retryInMs ?? 15_000);
        return this.finish(run, notStarted(run), eTag);
      }
      return (await this.saveUnlessTaken({ ...run, phase: 'watching' }, eTag)) ? { next: 'now' } : done;
    } catch (err) {
      if (!transient(err)) return this.finish(run, lostTrackOutcome(err), eTag);
      return later(this.backoff(run, err));
    }
  }

  /** Without a poller handle, the new server's own state tells how the restore goes. */
  private async watch(watching: RunRecord, eTag: string): Promise<NextStep> {
    let run = watching;
    let server: ServerFacts | undefined;
    try {
      server = await this.deps.ops.getServer(this.targetRef(run));
    } catch (err) {
      if (!transient(err)) return this.finish(run, lostTrackOutcome(err), eTag);
      return later(this.backoff(run, err));
    }
    run = { ...run, checks: run.checks + 1, lastCheckedAt: this.now().toISOString() };
    if (!server) {
      return this.finish(run, serverGone(run), eTag);
    }
    if (server.state === 'Ready') return this.finish(run, { status: 'succeeded', server }, eTag);
    run = await sendProgress(
      this.deps,
      run,
      `Restoring ${run.request.target.name}: the new server is ${server.state ?? 'being created'}.`,
    );
    return (await this.saveUnlessTaken(run, eTag)) ? later(this.deps.retryInMs ?? 15_000) : done;
  }

  /** Keeps the decided outcome with the run before posting it, so a restart posts it, never decides again. */
  private async finish(ended: RunRecord, outcome: Outcome, eTag: string): Promise<NextStep> {
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
      if (isBotError(err, 'store.conflict')) return done;
      throw err;
    }
    return this.deliver(run, tag);
  }

  private async deliver(run: RunRecord, eTag: string): Promise<NextStep> {
    const { store, messenger, clock, ids, logger } = this.deps;
    const delivery = await deliverOutcome(
      {
        store,
        messenger,
        clock,
        ids,
        logger,
        holder: this.deps.holder,
        claimTtlMs: this.deps.claimTtlMs,
        progress: (r, status) => sendProgress(this.deps, r, status),
        retryInMs: (failures) => this.backoff({ ...run, failures }, undefined),
        ...(this.deps.onFailed ? { onFailed: this.deps.onFailed } : {}),
      },
      run,
      eTag,
    );
    return delivery.next === 'later' ? later(delivery.inMs) : done;
  }
}
