/** The eligibility feature: "check <server>" against the conditions of a geo-restore, read-only. */
export { assessEligibility, type Eligibility } from './eligibility-check.js';
export { type EligibilityDialogDeps, eligibilityDialog } from './eligibility-dialog.js';
export { startRestoreAction } from './eligibility-replies.js';
export { unconfiguredCheckDialog } from './unconfigured-check.js';
