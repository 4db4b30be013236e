import type { Reply } from '../../bot/model.js';
import { actorOf, appendAudit } from '../common/audit.js';
import { isAllowedUser } from '../common/restore-policy.js';
import type { DialogContext } from '../engine/dialog.js';
import { notAllowedReply, writesOffReply } from './restore-replies.js';
import { type RestoreDialogDeps, writeState } from './restore-state.js';

/**
 * Whether this person may go on with a restore here, asked at the start and again before the
 * summary: switched off (RESTORE_ENABLED), or not on the allowlist with no approvals to ask for.
 * A refusal ends the dialog, is audited, and says what to do instead.
 */
export async function refuse(
  ctx: DialogContext,
  deps: Pick<RestoreDialogDeps, 'restore' | 'approvals'>,
  name: string | undefined,
): Promise<Reply[] | undefined> {
  const reason = !deps.restore.enabled
    ? 'writes-off'
    : !isAllowedUser(deps.restore, ctx.turn) && !deps.approvals
      ? 'not-allowed'
      : undefined;
  if (!reason) return undefined;
  writeState(ctx.state, undefined);
  await appendAudit(ctx.store, ctx.ids, ctx.now, {
    kind: 'restore.refused',
    askedBy: actorOf(ctx.turn),
    outcome: reason,
    ...(name ? { server: name } : {}),
  });
  return [reason === 'writes-off' ? writesOffReply(name) : notAllowedReply(name)];
}
