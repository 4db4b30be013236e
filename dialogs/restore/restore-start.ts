import type { Address, Reply } from '../../bot/model.js';
import { type Actor, actorOf, appendAudit } from '../common/audit.js';
import { isAllowedUser, type RestorePolicy } from '../common/restore-policy.js';
import type { DialogContext } from '../engine/dialog.js';
import {
  type ConfirmRecord,
  claimOperation,
  consumeConfirmation,
  type OpRecord,
  verifyConfirmation,
} from './restore-confirmation.js';
import { rejectedReply, startedReply } from './restore-replies.js';
import { type RestoreState, writeState } from './restore-state.js';
import { type RunRecord, runKey } from './run/restore-run-record.js';
import type { RestoreQueue } from './run/restore-runner.js';

/**
 * The click on Start geo-restore. Every check is made against the Store, so duplicate clicks, redelivered
 * events, concurrent confirmations and other replicas all end in at most one queued run: the nonce is
 * used once (eTag), the operation is claimed once (create-if-absent), the run is written once. The
 * runner sends the PUT outside this turn, which therefore answers without waiting for Azure.
 */
export async function confirmAndQueue(
  ctx: DialogContext,
  deps: { restore: RestorePolicy; runner: RestoreQueue },
  claimed: { nonce: string; hash: string },
  st: RestoreState | undefined,
): Promise<Reply[]> {
  const confirmedBy = actorOf(ctx.turn);
  const reject = async (reason: Parameters<typeof rejectedReply>[0], detail?: string) => {
    await appendAudit(ctx.store, ctx.ids, ctx.now, {
      kind: 'restore.confirmation-rejected',
      confirmedBy,
      outcome: reason,
      ...(detail ? { detail } : {}),
    });
    return [rejectedReply(reason)];
  };
  if (!deps.restore.enabled) return reject('writes-off');
  if (!isAllowedUser(deps.restore, ctx.turn)) return reject('not-allowed');

  const pending = st?.step === 'confirm' ? { nonce: st.nonce, hash: st.hash } : undefined;
  const verdict = await verifyConfirmation(ctx.store, ctx.turn, ctx.now, claimed, pending, true);
  if (!verdict.ok) {
    if (verdict.reason === 'used')
      return alreadyStarted(ctx, verdict.record.used?.runId, verdict.record.request);
    if (verdict.reason === 'name-not-typed')
      return [rejectedReply('name-not-typed', st?.step === 'confirm' ? st.request.source.name : undefined)];
    if (verdict.reason !== 'foreign') writeState(ctx.state, undefined);
    return reject(verdict.reason);
  }
  const started = await startConfirmed(ctx, deps, verdict, confirmedBy, ctx.turn.address);
  if (!started.ok) {
    if (started.usedBy) return alreadyStarted(ctx, started.usedBy, verdict.record.request);
    if (started.reason === 'duplicate') writeState(ctx.state, undefined);
    return reject(started.reason, started.detail);
  }
  const { record } = verdict;
  const { runId } = started;
  writeState(ctx.state, {
    step: 'started',
    runId,
    sourceName: record.request.source.name,
    request: record.request,
  });
  return [startedReply(record.request, false)];
}

export type StartResult =
  | { ok: true; runId: string }
  | { ok: false; reason: 'unknown' | 'duplicate'; usedBy?: string; detail?: string };

/**
 * The one way a verified confirmation becomes a run, for the requester's own click and for a second
 * person's approval alike: the nonce is used once (eTag), the operation is claimed once
 * (create-if-absent), the audit row and the run are written before the runner may send the PUT.
 * Progress goes to `address`: the requester's conversation.
 */
export async function startConfirmed(
  ctx: Pick<DialogContext, 'store' | 'ids' | 'now' | 'log' | 'committed'>,
  deps: { runner: RestoreQueue },
  verdict: { record: ConfirmRecord; eTag: string },
  confirmedBy: Actor,
  address: Address,
  detail?: string,
): Promise<StartResult> {
  const { record } = verdict;
  const runId = ctx.ids.next();
  const consumed = await consumeConfirmation(ctx.store, verdict, runId, ctx.now);
  if (!consumed.won) {
    const used = consumed.record?.used;
    return used ? { ok: false, reason: 'unknown', usedBy: used.runId } : { ok: false, reason: 'unknown' };
  }
  const op = await claimOperation(ctx.store, record.opKey, runId, ctx.now);
  if (!op.won)
    return {
      ok: false,
      reason: 'duplicate',
      ...(op.existing ? { detail: `run ${op.existing.runId} is ${op.existing.status}` } : {}),
    };
  const run: RunRecord = {
    id: runId,
    address,
    request: record.request,
    opKey: record.opKey,
    askedBy: record.askedBy,
    confirmedBy,
    confirmedAt: ctx.now.toISOString(),
    phase: 'queued',
    checks: 0,
    failures: 0,
  };
  try {
    // The audit row is written before anything can reach Azure: no audit, no restore.
    await appendAudit(ctx.store, ctx.ids, ctx.now, {
      kind: 'restore.confirmed',
      outcome: 'queued',
      runId,
      askedBy: record.askedBy,
      confirmedBy,
      server: record.request.source.id,
      params: record.request,
      ...(detail ? { detail } : {}),
    });
    await ctx.store.write(runKey(runId), run, { ifAbsent: true });
  } catch (err) {
    const released: OpRecord = { runId, status: 'failed', at: ctx.now.toISOString() };
    await ctx.store.write(record.opKey, released).catch(() => undefined);
    throw err;
  }
  deps.runner.enqueue(runId);
  ctx.committed = true;
  ctx.log.info({ runId }, 'restore.confirmed');
  return { ok: true, runId };
}

/**
 * Another click, replica or delivery started this restore: say so, with the run's status. The reply is
 * the truth whether or not this turn's conversation state can be saved, so it goes out either way
 * (committed): a person is never told to try again while their restore runs.
 */
export async function alreadyStarted(
  ctx: DialogContext,
  runId: string | undefined,
  request: RunRecord['request'],
): Promise<Reply[]> {
  ctx.committed = true;
  if (!runId) return [startedReply(request, true)];
  writeState(ctx.state, { step: 'started', runId, sourceName: request.source.name, request });
  const run = (await ctx.store.read<RunRecord>(runKey(runId)))?.value;
  return [startedReply(request, true, run)];
}
