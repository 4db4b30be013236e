import type { Reply } from '../../bot/model.js';
import type { Escalations } from '../../bot/ports/escalations.js';
import type { GeoRestoreRequest } from '../../bot/ports/postgres-ops.js';
import { actorOf, appendAudit } from '../common/audit.js';
import { personOf } from '../common/person.js';
import { isAllowedUser } from '../common/restore-policy.js';
import { transcriptLength } from '../engine/conversation-state.js';
import type { DialogContext } from '../engine/dialog.js';
import { approvalTtlMs } from './restore-approval.js';
import { approvalRequestedReply, summaryFacts } from './restore-approval-replies.js';
import {
  type ConfirmRecord,
  confirmKey,
  confirmRecordTtlMs,
  opKey,
  paramsHash,
  verifyConfirmation,
} from './restore-confirmation.js';
import { refuse } from './restore-refusal.js';
import { nameTypedReply, rejectedReply, summaryReply, wrongNameReply } from './restore-replies.js';
import { alreadyStarted } from './restore-start.js';
import {
  type Draft,
  type RestoreDialogDeps,
  type RestoreState,
  suggestName,
  writeState,
} from './restore-state.js';

const defaultConfirmTtlMs = 10 * 60 * 1000;

/**
 * The exact request, bound to a one-time confirmation record: shown as a summary to confirm, or, for
 * someone who may not start it, sent to the support team as an approval ticket.
 */
export async function summarise(ctx: DialogContext, deps: RestoreDialogDeps, draft: Draft): Promise<Reply[]> {
  const refused = await refuse(ctx, deps, draft.source.ref.name);
  if (refused) return refused;
  const { source } = draft;
  const request: GeoRestoreRequest = {
    source: source.ref,
    target: {
      subscriptionId: source.ref.subscriptionId,
      resourceGroup: draft.targetGroup ?? source.ref.resourceGroup,
      name: draft.targetName ?? suggestName(source.ref.name),
      region: draft.targetRegion,
    },
    pointInTime: ctx.now.toISOString(),
    ...(draft.subnetId ? { network: { delegatedSubnetId: draft.subnetId } } : {}),
    ...(draft.geoBackupOff ? { geoRedundantBackup: 'Disabled' as const } : {}),
  };
  const nonce = ctx.ids.next();
  const hash = paramsHash(request);
  const needsApproval = !isAllowedUser(deps.restore, ctx.turn) && deps.approvals !== undefined;
  const expiresAt = new Date(
    ctx.now.getTime() + (needsApproval ? approvalTtlMs : (deps.confirmTtlMs ?? defaultConfirmTtlMs)),
  ).toISOString();
  const record: ConfirmRecord = {
    nonce,
    hash,
    opKey: opKey(request),
    request,
    askedBy: actorOf(ctx.turn),
    expiresAt,
    nameTyped: needsApproval,
  };
  await ctx.store.write(confirmKey(nonce), record, { ifAbsent: true, ttlMs: confirmRecordTtlMs });
  if (needsApproval && deps.approvals) return askApproval(ctx, deps.approvals, draft, request, record);
  writeState(ctx.state, { step: 'confirm', draft, request, nonce, hash, expiresAt });
  return [summaryReply(source, request, { nonce, hash, expiresAt })];
}

/** The source's name typed back: the first half of the confirmation (the Start button is the second). */
export async function typedName(
  ctx: DialogContext,
  st: Extract<RestoreState, { step: 'confirm' }>,
  typed: string,
) {
  if (typed !== st.request.source.name) return [wrongNameReply(st.request.source.name)];
  const pending = { nonce: st.nonce, hash: st.hash };
  const verdict = await verifyConfirmation(ctx.store, ctx.turn, ctx.now, pending, pending, false);
  if (!verdict.ok) {
    if (verdict.reason === 'used') return alreadyStarted(ctx, verdict.record.used?.runId, st.request);
    writeState(ctx.state, undefined);
    return [rejectedReply(verdict.reason)];
  }
  await ctx.store.write(
    confirmKey(st.nonce),
    { ...verdict.record, nameTyped: true },
    {
      eTag: verdict.eTag,
      ttlMs: confirmRecordTtlMs,
    },
  );
  return [nameTypedReply(st.request, pending)];
}

async function askApproval(
  ctx: DialogContext,
  escalations: Escalations,
  draft: Draft,
  request: GeoRestoreRequest,
  record: ConfirmRecord,
): Promise<Reply[]> {
  writeState(ctx.state, undefined);
  const { ticket, existing } = await escalations.open({
    reason: 'approval',
    requester: personOf(ctx.turn),
    address: ctx.turn.address,
    direct: ctx.turn.address.direct === true,
    question: `Geo-restore of ${request.source.name} to ${request.target.name}`,
    considered: [],
    facts: summaryFacts(draft, request),
    transcript: ctx.state.transcript.slice(-transcriptLength),
    approval: {
      nonce: record.nonce,
      hash: record.hash,
      server: request.source.name,
      target: `${request.target.resourceGroup}/${request.target.name}`,
      region: request.target.region,
    },
  });
  await appendAudit(ctx.store, ctx.ids, ctx.now, {
    kind: 'restore.refused',
    askedBy: actorOf(ctx.turn),
    outcome: existing ? 'approval-not-opened' : 'approval-requested',
    server: request.source.id,
    detail: `ticket ${ticket.ref}`,
  });
  return [approvalRequestedReply(request, ticket.ref, existing)];
}
