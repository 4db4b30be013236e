import type { RestorePolicy } from '../dialogs/common/restore-policy.js';
import { eligibilityDialog } from '../dialogs/eligibility/index.js';
import type { Dialog } from '../dialogs/engine/dialog.js';
import { type RestoreQueue, restoreDialog } from '../dialogs/restore/index.js';
import type { Escalations } from './ports/escalations.js';
import type { PostgresOps } from './ports/postgres-ops.js';

export interface LiveAzureDialogsDeps {
  ops: PostgresOps;
  /** From parseAzureConfig(env).restore: RESTORE_ENABLED and RESTORE_ALLOWED_USERS. */
  restore: RestorePolicy;
  runner: RestoreQueue;
  confirmTtlMs?: number;
  /** Restores by people not allowed to start one become approval tickets. */
  approvals?: Escalations;
}

/** The live check-eligibility and start-restore dialogs, in place of their unconfigured forms. */
export function liveAzureDialogs(deps: LiveAzureDialogsDeps): Dialog[] {
  return [eligibilityDialog(deps), restoreDialog(deps)];
}
