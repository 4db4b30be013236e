import type { ApprovalOutcome, ApprovalRequest, Person, Ticket } from '../../bot/ports/escalations.js';
import { actorAt, appendAudit } from '../common/audit.js';
import { isAllowedUser, type RestorePolicy } from '../common/restore-policy.js';
import type { DialogContext } from '../engine/dialog.js';
import { type ConfirmRecord, confirmKey, paramsHash } from './restore-confirmation.js';
import { startConfirmed } from './restore-start.js';
import type { RestoreQueue } from './run/restore-runner.js';

/** How long a restore waits for someone to approve it (its confirmation record lives as long). */
export const approvalTtlMs = 24 * 60 * 60 * 1000;

/**
 * A second person's approval of a restore its requester may not start. The approver must be allowed to
 * start restores and must not be the requester; then the requester's own confirmation record (bound to
 * the exact parameters) goes through the same exactly-once start as a requester's own click, and the
 * progress is posted in the requester's conversation.
 */
export async function approveRestore(
  ctx: DialogContext,
  deps: { restore: RestorePolicy; runner: RestoreQueue },
  ticket: Ticket & { approval: ApprovalRequest },
  approver: Person,
): Promise<ApprovalOutcome> {
  const approvedBy = actorAt(ctx.turn.address, approver.id);
  const refuse = async (reason: Exclude<ApprovalOutcome, { ok: true }>['reason']) => {
    await appendAudit(ctx.store, ctx.ids, ctx.now, {
      kind: 'restore.confirmation-rejected',
      confirmedBy: approvedBy,
      outcome: reason,
      detail: `approval of ticket ${ticket.ref}`,
    });
    return { ok: false as const, reason };
  };
  const requester = ticket.requester;
  const same =
    requester.channel === approver.channel &&
    (approver.channel === 'teams'
      ? requester.id.toLowerCase() === approver.id.toLowerCase()
      : requester.id === approver.id);
  if (!deps.restore.enabled) return refuse('writes-off');
  if (same) return refuse('self-approval');
  if (!isAllowedUser(deps.restore, ctx.turn)) return refuse('not-allowed');
  const doc = await ctx.store.read<ConfirmRecord>(confirmKey(ticket.approval.nonce));
  if (!doc) return refuse('unknown');
  const record = doc.value;
  if (record.hash !== ticket.approval.hash || paramsHash(record.request) !== record.hash)
    return refuse('altered');
  if (record.used) return refuse('used');
  if (ctx.now.getTime() > Date.parse(record.expiresAt)) return refuse('expired');
  const started = await startConfirmed(
    ctx,
    deps,
    { record, eTag: doc.eTag },
    approvedBy,
    ticket.address,
    `approved on ticket ${ticket.ref}`,
  );
  if (!started.ok) return refuse(started.usedBy ? 'used' : started.reason);
  return started;
}
