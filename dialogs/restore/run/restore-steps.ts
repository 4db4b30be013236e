import { serverRef } from '../../../bot/azure-rules/server-resource-id.js';
import { isBotError } from '../../../bot/errors.js';
import type { Clock, Ids } from '../../../bot/ports/clock.js';
import type { Logger } from '../../../bot/ports/logger.js';
import type { Messenger } from '../../../bot/ports/messenger.js';
import type { PostgresOps, ServerFacts } from '../../../bot/ports/postgres-ops.js';
import type { Store } from '../../../bot/ports/store.js';
import { appendAudit } from '../../common/audit.js';
import { azureInfo, describeAzureProblem } from '../../common/azure-problem.js';
import { deliverOutcome } from './restore-outcome.js';
import { type RestoreFailure, type RunRecord, type RunResult, runKey } from './restore-run-record.js';
import { progressReply } from './run-replies.js';

/** What the steps need of the runner that schedules them. */
export interface StepControl {
  /** Runs the run's next step after `ms` (a timer the runner owns and cancels when it stops or loses the lease). */
  later(runId: string, ms: number): void;
  /** Runs the run's next step now. */
  enqueue(runId: string): void;
  /** This replica's lease holder id. */
  readonly holder: string;
  /** How long a claim to post an outcome stands before another replica may take it over. */
  readonly claimTtlMs: number;
}

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
  /** Told once when a restore ends failed or unknown (a ticket is opened for it when support is on). */
  onFailed?: (run: RunRecord, failure: RestoreFailure) => Promise<void>;
}

export interface RestoreStepsDeps extends RestoreWork {
  control: StepControl;
}

type Outcome = RunResult;

const transient = (err: unknown) =>
  isBotError(err, 'azure.throttled') || isBotError(err, 'azure.unavailable');

/**
 * One geo-restore's life, a step at a time, each from the phase persisted in `restore/run/<id>`:
 * check the name is free, claim and send the one PUT, poll Azure (or watch the new server when a
 * restart lost the poller handle), edit the progress message, then decide the outcome and post it
 * once. The runner decides when a step runs and on which replica; the steps decide what it does.
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
  async step(runId: string): Promise<void> {
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
        return this.deps.control.later(run.id, this.backoff(run, err));
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
    this.deps.control.later(run.id, this.deps.firstPollInMs ?? 30_000);
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
      if (await this.saveUnlessTaken(run, eTag)) this.deps.control.later(run.id, this.backoff(run, err));
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
    if (await this.saveUnlessTaken(run, eTag))
      this.deps.control.later(run.id, Math.max(progress.nextPollInMs, 1000));
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
      this.deps.control.enqueue(run.id);
    } catch (err) {
      if (!transient(err)) return this.finish(run, this.lostTrack(err), eTag);
      this.deps.control.later(run.id, this.backoff(run, err));
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
      return this.deps.control.later(run.id, this.backoff(run, err));
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
    if (await this.saveUnlessTaken(run, eTag)) this.deps.control.later(run.id, this.deps.retryInMs ?? 15_000);
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
        holder: this.deps.control.holder,
        claimTtlMs: this.deps.control.claimTtlMs,
        progress: (r, status) => this.progress(r, status),
        retryInMs: (failures) => this.backoff({ ...run, failures }, undefined),
        ...(this.deps.onFailed ? { onFailed: this.deps.onFailed } : {}),
      },
      run,
      eTag,
    );
    if (delivery.next === 'later') this.deps.control.later(run.id, delivery.inMs);
  }
}
