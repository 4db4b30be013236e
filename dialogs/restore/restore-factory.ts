import type { Escalations } from '../../bot/ports/escalations.js';
import type { PostgresOps } from '../../bot/ports/postgres-ops.js';
import type { RestorePolicy } from '../common/restore-policy.js';
import { eligibilityDialog } from '../eligibility/eligibility-dialog.js';
import type { Dialog } from '../engine/dialog.js';
import { restoreDialog } from './restore-dialog.js';
import { type RestoreQueue, RestoreRunner, type RestoreRunnerDeps } from './run/restore-runner.js';

export interface LiveAzureDialogsDeps {
  ops: PostgresOps;
  /** From parseAzureConfig(env).restore: RESTORE_ENABLED and RESTORE_ALLOWED_USERS. */
  restore: RestorePolicy;
  runner: RestoreQueue;
  confirmTtlMs?: number;
  /** Restores by people not allowed to start one become approval tickets. */
  approvals?: Escalations;
}

/** The live check-eligibility and start-restore dialogs, replacing their unconfigured defaults in the engine. */
export function liveAzureDialogs(deps: LiveAzureDialogsDeps): Dialog[] {
  return [eligibilityDialog(deps), restoreDialog(deps)];
}

/**
 * The background runner of confirmed restores. Wiring in bot/main: create it, pass it to
 * liveAzureDialogs, `await runner.start()` once the Messenger is ready (it resumes restores in flight),
 * and `await runner.stop()` on shutdown (it releases this replica's leases).
 */
export function createRestoreRunner(deps: RestoreRunnerDeps): RestoreRunner {
  return new RestoreRunner(deps);
}
