import type { Fact } from '../../bot/model.js';
import type { Escalations } from '../../bot/ports/escalations.js';
import { azureIdFacts } from '../common/azure-problem.js';
import type { RestoreFailure, RunRecord } from './run/restore-run-record.js';

/** A restore that failed (or can no longer be followed) becomes a ticket with Azure's ids on it. */
export function escalateFailedRestore(escalations: Escalations) {
  return async (run: RunRecord, failure: RestoreFailure): Promise<void> => {
    const facts: Fact[] = [
      { label: 'Outcome', value: failure.status, status: 'fail' },
      { label: 'Error', value: failure.code },
      { label: 'Source server', value: run.request.source.id },
      { label: 'New server', value: `${run.request.target.resourceGroup}/${run.request.target.name}` },
      ...azureIdFacts(failure.azure),
      { label: 'Run', value: run.id },
    ];
    await escalations.open({
      reason: 'azure-failed',
      requester: { channel: run.askedBy.channel, id: run.askedBy.userId },
      address: run.address,
      direct: run.address.direct === true,
      question: `Geo-restore of ${run.request.source.name} to ${run.request.target.name}: ${failure.summary}`,
      considered: [],
      facts,
      transcript: [],
    });
  };
}
