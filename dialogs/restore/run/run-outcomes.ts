import type { AzureErrorInfo } from '../../../bot/ports/postgres-ops.js';
import { describeAzureProblem } from '../../common/azure-problem.js';
import type { RunRecord, RunResult } from './restore-run-record.js';

/** How a run can end other than in success, as the outcome kept with the run and posted once. */

export const targetExists = (run: RunRecord): RunResult => ({
  status: 'failed',
  code: 'target-exists',
  summary: `A server named ${run.request.target.name} already exists, so I did not send the restore. Nothing was created or changed.`,
  advice: 'Start again with another name for the new server.',
  azure: {},
});

export const failedInAzure = (run: RunRecord, error: AzureErrorInfo): RunResult => ({
  status: 'failed',
  code: 'azure.failed',
  summary: `The geo-restore of ${run.request.source.name} to ${run.request.target.name} failed in Azure${error.code ? ` (Azure code ${error.code})` : ''}.`,
  advice: `Azure usually removes the unfinished server; check resource group ${run.request.target.resourceGroup} before you try again.`,
  azure: error,
});

export const notStarted = (run: RunRecord): RunResult => ({
  status: 'failed',
  code: 'not-started',
  summary: `I was interrupted while sending the restore, and Azure shows no server named ${run.request.target.name}. The restore did not start; nothing was created.`,
  advice: 'You can start it again.',
  azure: {},
});

export const serverGone = (run: RunRecord): RunResult => ({
  status: 'failed',
  code: 'azure.failed',
  summary: `The new server ${run.request.target.name} is gone: the geo-restore failed in Azure.`,
  advice: 'Check the activity log of the resource group for the reason, then try again.',
  azure: {},
});

/** An Azure error while doing something, as the run's failed outcome. */
export function problemOutcome(err: unknown, doing: string): RunResult {
  const p = describeAzureProblem(err, doing);
  return { status: 'failed', code: p.code, summary: p.summary, advice: p.advice, azure: p.azure };
}

/** An error that keeps the bot from following the restore any longer: it may still be running in Azure. */
export function lostTrackOutcome(err: unknown): RunResult {
  const p = describeAzureProblem(err, 'checking the progress of the geo-restore');
  return {
    status: 'unknown',
    code: p.code,
    summary: p.summary,
    advice: `${p.advice} The restore may still be running in Azure: check the new server in the portal.`,
    azure: p.azure,
  };
}
