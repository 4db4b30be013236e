import type { Fact, Reply } from '../../bot/model.js';
import type { GeoRestoreRequest } from '../../bot/ports/postgres-ops.js';
import type { Draft } from './restore-state.js';

/** What the approver sees on the ticket: the exact parameters the approval starts. */
export function summaryFacts(draft: Draft, request: GeoRestoreRequest): Fact[] {
  return [
    { label: 'Source server', value: request.source.id },
    { label: 'Source region', value: draft.source.region },
    { label: 'New server', value: request.target.name },
    { label: 'Resource group', value: request.target.resourceGroup },
    { label: 'Region', value: request.target.region },
    { label: 'Point in time', value: `latest geo-backup at or before ${request.pointInTime}` },
    ...(request.network ? [{ label: 'Subnet', value: request.network.delegatedSubnetId }] : []),
    ...(request.geoRedundantBackup
      ? [{ label: 'Geo-redundant backup', value: 'off for the new server' }]
      : []),
  ];
}

export function approvalRequestedReply(request: GeoRestoreRequest, ref: string, existing: boolean): Reply {
  if (existing)
    return {
      kind: 'handoff',
      summary: `You already have an open ticket with the support team (${ref}), so I did not ask for approval.`,
      text: 'Once that ticket is closed, ask again and I will ask the support team to approve the restore.',
    };
  return {
    kind: 'handoff',
    summary: `You are not on the list of people who may start a geo-restore, so I asked the support team to approve it: ticket ${ref}.`,
    text: [
      `A second person who is allowed to start restores will approve or decline the restore of ${request.source.name} to ${request.target.name} in ${request.target.region}, exactly as summarised.`,
      'Nothing has been started yet. When it is approved, its progress appears here.',
    ].join('\n\n'),
  };
}
