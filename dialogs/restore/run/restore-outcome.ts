import { BotError, isBotError } from '../../../bot/errors.js';
import type { Clock, Ids } from '../../../bot/ports/clock.js';
import type { Logger } from '../../../bot/ports/logger.js';
import type { Messenger } from '../../../bot/ports/messenger.js';
import type { Store } from '../../../bot/ports/store.js';
import { appendAudit } from '../../common/audit.js';
import type { OpRecord } from '../restore-confirmation.js';
import {
  type DoneRecord,
  doneKey,
  finishedRunTtlMs,
  type RestoreFailure,
  type RunRecord,
  type RunResult,
  runKey,
} from './restore-run-record.js';
import { completedReply, failedReply } from './run-replies.js';

export interface OutcomeDeps {
  store: Store;
  messenger: Messenger;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /** This process's lease holder id. */
  holder: string;
  /** A claim to post that is older than this (its poster died) may be taken over. */
  claimTtlMs: number;
  /** Edits the progress message; returns the run with the message it sent, if it sent one. */
  progress: (run: RunRecord, status: string) => Promise<RunRecord>;
  /** The wait before sending again after the channel refused the message this many times in a row. */
  retryInMs: (failures: number) => number;
  /** Told once, by the replica that posted it, when the outcome is a failure (support opens a ticket). */
  onFailed?: (run: RunRecord, failure: RestoreFailure) => Promise<void>;
}

/** What the runner does next: nothing (posted, or someone else carries on), or come back later. */
export type Delivery = { next: 'done' } | { next: 'later'; inMs: number };

/** The channel refused the outcome this many times in a row: give up, log, and keep the run ended. */
export const MAX_OUTCOME_SENDS = 5;

type Claim =
  | { kind: 'send'; eTag: string; record: DoneRecord }
  | { kind: 'posted'; record: DoneRecord }
  | { kind: 'busy' };

const finishedStatus: Record<RunResult['status'], string> = {
  succeeded: 'Finished: the new server is ready.',
  failed: 'Finished: the restore failed.',
  unknown: 'I can no longer follow this restore.',
};

/**
 * Posts a finishing run's outcome once, then audits it, frees or holds the target, and marks the run
 * done. The message is recorded as posted only after the channel took it: a replica dying before
 * the send leaves a claim that the next lease holder takes over and sends; one dying between the
 * send and the record leaves a claim that is sent again (the one window for a second message).
 */
export async function deliverOutcome(
  deps: OutcomeDeps,
  finishing: RunRecord,
  eTag: string,
): Promise<Delivery> {
  const result = finishing.result;
  if (!result) throw new BotError('internal', `run ${finishing.id} is finishing without a result`);
  const claim = await claimPosting(deps, finishing.id, result.status);
  if (claim.kind === 'busy') return { next: 'later', inMs: deps.claimTtlMs };
  let run = finishing;
  let record = claim.record;
  if (claim.kind === 'send') {
    run = await deps.progress(run, finishedStatus[result.status]);
    const sent = await send(deps, run, result);
    if (sent.kind === 'refused') {
      const failures = run.failures + 1;
      if (failures < MAX_OUTCOME_SENDS) {
        if (!(await saveRun(deps.store, { ...run, failures }, eTag))) return { next: 'done' };
        return { next: 'later', inMs: deps.retryInMs(failures) };
      }
      deps.logger.error({ runId: run.id, failures }, 'restore.outcome.undeliverable');
      record = { ...record, gaveUpAt: deps.clock.now().toISOString() };
    } else {
      record = { ...record, sentAt: deps.clock.now().toISOString(), messageId: sent.messageId };
    }
    await markPosted(deps, run.id, record, claim.eTag);
  } else {
    deps.logger.info({ runId: run.id }, 'restore.outcome.alreadyPosted');
  }
  await afterPosting(deps, run, result, record);
  if (claim.kind === 'send' && result.status !== 'succeeded' && deps.onFailed) {
    const { status, summary, code, azure } = result;
    await deps.onFailed(run, { status, summary, code, azure }).catch((err: unknown) => {
      deps.logger.error({ err, runId: run.id }, 'restore.escalation.failed');
    });
  }
  await saveRun(deps.store, { ...run, phase: 'done', outcome: result.status }, eTag, finishedRunTtlMs);
  return { next: 'done' };
}

async function claimPosting(deps: OutcomeDeps, runId: string, outcome: RunResult['status']): Promise<Claim> {
  const { store, clock, holder } = deps;
  const key = doneKey(runId);
  const now = clock.now().toISOString();
  const fresh: DoneRecord = { outcome, at: now, auditId: deps.ids.next(), by: holder, attemptAt: now };
  try {
    return { kind: 'send', eTag: await store.write(key, fresh, { ifAbsent: true }), record: fresh };
  } catch (err) {
    if (!isBotError(err, 'store.conflict')) throw err;
  }
  const doc = await store.read<DoneRecord>(key);
  if (!doc) return { kind: 'busy' };
  const found = doc.value;
  if (found.sentAt || found.gaveUpAt) return { kind: 'posted', record: found };
  const abandoned =
    found.by === holder || Date.parse(found.attemptAt) + deps.claimTtlMs <= clock.now().getTime();
  if (!abandoned) return { kind: 'busy' };
  const mine: DoneRecord = { ...found, by: holder, attemptAt: now };
  try {
    return { kind: 'send', eTag: await store.write(key, mine, { eTag: doc.eTag }), record: mine };
  } catch (err) {
    if (isBotError(err, 'store.conflict')) return { kind: 'busy' };
    throw err;
  }
}

async function send(
  deps: OutcomeDeps,
  run: RunRecord,
  result: RunResult,
): Promise<{ kind: 'sent'; messageId: string } | { kind: 'refused' }> {
  const reply =
    result.status === 'succeeded'
      ? completedReply(run, result.server)
      : failedReply(run, result.summary, result.advice, result.azure);
  try {
    return { kind: 'sent', messageId: (await deps.messenger.send(run.address, reply)).messageId };
  } catch (err) {
    deps.logger.error({ err, runId: run.id }, 'restore.outcome.sendFailed');
    return { kind: 'refused' };
  }
}

async function markPosted(deps: OutcomeDeps, runId: string, record: DoneRecord, eTag: string): Promise<void> {
  try {
    await deps.store.write(doneKey(runId), record, { eTag, ttlMs: finishedRunTtlMs });
  } catch (err) {
    if (!isBotError(err, 'store.conflict')) throw err;
    // We stalled past the claim's TTL and another replica took the claim over: it may post again.
    deps.logger.warn({ runId }, 'restore.outcome.claimTakenOver');
  }
}

/** The audit row (under the id chosen with the claim, so written once), then the target's op record. */
async function afterPosting(deps: OutcomeDeps, run: RunRecord, result: RunResult, record: DoneRecord) {
  const { store } = deps;
  const ids: Ids = { next: () => record.auditId };
  try {
    await appendAudit(store, ids, new Date(record.at), {
      kind: result.status === 'succeeded' ? 'restore.succeeded' : 'restore.failed',
      outcome: result.status === 'succeeded' ? 'succeeded' : `${result.status}:${result.code}`,
      runId: run.id,
      askedBy: run.askedBy,
      confirmedBy: run.confirmedBy,
      server: run.request.source.id,
      params: run.request,
      azure: result.status === 'succeeded' ? (run.handle?.azure ?? {}) : result.azure,
    });
  } catch (err) {
    if (!isBotError(err, 'store.conflict')) throw err;
  }
  const op: OpRecord = {
    runId: run.id,
    status: result.status === 'succeeded' ? 'succeeded' : 'failed',
    at: record.at,
  };
  // `failed` frees the target for a new confirmation (which GETs the name first); `succeeded` and
  // `unknown` keep it held.
  if (result.status !== 'unknown') await store.write(run.opKey, op);
}

/** False when someone else moved the run on meanwhile. */
async function saveRun(store: Store, run: RunRecord, eTag: string, ttlMs?: number): Promise<boolean> {
  try {
    await store.write(runKey(run.id), run, ttlMs === undefined ? { eTag } : { eTag, ttlMs });
    return true;
  } catch (err) {
    if (isBotError(err, 'store.conflict')) return false;
    throw err;
  }
}
