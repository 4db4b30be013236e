import type { Channel } from '../../bot/model.js';
import type { Escalations, TicketFact } from '../../bot/ports/escalations.js';
import type { RestoreFailure, RunRecord } from './run/restore-run-record.js';

/** A restore that failed (or can no longer be followed) becomes a ticket with Azure's ids on it. */
export function escalateFailedRestore(escalations: () => Escalations | undefined) {
  return async (run: RunRecord, failure: RestoreFailure): Promise<void> => {
    const esc = escalations();
    if (!esc) return;
    const facts: TicketFact[] = [
      { label: 'Outcome', value: failure.status, status: 'fail' },
      { label: 'Error', value: failure.code },
      { label: 'Source server', value: run.request.source.id },
      { label: 'New server', value: `${run.request.target.resourceGroup}/${run.request.target.name}` },
      ...(failure.azure.code ? [{ label: 'Azure error code', value: failure.azure.code }] : []),
      ...(failure.azure.correlationId
        ? [{ label: 'Correlation id', value: failure.azure.correlationId }]
        : []),
      ...(failure.azure.requestId ? [{ label: 'Request id', value: failure.azure.requestId }] : []),
      { label: 'Run', value: run.id },
    ];
    await esc.open({
      reason: 'azure-failed',
      requester: { channel: run.askedBy.channel as Channel, id: run.askedBy.userId },
      address: run.address,
      direct: run.address.direct === true,
      question: `Geo-restore of ${run.request.source.name} to ${run.request.target.name}: ${failure.summary}`,
      considered: [],
      facts,
      transcript: [],
    });
  };
}
