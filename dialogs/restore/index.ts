/** The restore feature: the dialog up to a confirmed run, approvals, and the run itself (run/). */
export { approveRestore } from './restore-approval.js';
export { restoreDialog } from './restore-dialog.js';
export { escalateFailedRestore } from './restore-escalation.js';
export type { RestoreDialogDeps } from './restore-state.js';
export {
  DEFAULT_LEASE_TTL_MS,
  type RestoreQueue,
  RestoreRunner,
  type RestoreRunnerDeps,
} from './run/restore-runner.js';
export { conversationsOfRunsInFlight } from './run/runs-in-flight.js';
export { type RunningRestore, runningRestoresOf } from './run/runs-of.js';
export { unconfiguredRestoreDialog } from './unconfigured-restore.js';
