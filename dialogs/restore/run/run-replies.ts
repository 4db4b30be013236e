import type { Reply } from '../../../bot/model.js';
import type { AzureErrorInfo, ServerFacts } from '../../../bot/ports/postgres-ops.js';
import { azureIdFacts } from '../../common/azure-problem.js';
import { humanButton } from '../../common/replies.js';
import { utc } from '../../common/utc.js';
import { postRestoreList } from '../post-restore-tasks.js';
import type { RunRecord } from './restore-run-record.js';

const what = (run: RunRecord) =>
  `${run.request.source.name} to ${run.request.target.name} in ${run.request.target.region}`;

export function progressReply(run: RunRecord, status: string, now: Date): Reply {
  const { target } = run.request;
  return {
    kind: 'progress',
    title: `Geo-restore of ${what(run)}`,
    summary: status,
    text: 'I edit this message as the restore goes on, and post a separate message when it ends. A geo-restore usually takes from a few minutes up to a few hours, depending on the size of the database, when its last backup was taken and how much log there is to replay.',
    facts: [
      { label: 'New server', value: `${target.name} in resource group ${target.resourceGroup}` },
      { label: 'Region', value: target.region },
      { label: 'Confirmed', value: utc(run.confirmedAt) },
      { label: 'Last checked', value: run.lastCheckedAt ? utc(run.lastCheckedAt) : utc(now) },
      ...(run.handle?.azure.correlationId
        ? [{ label: 'Correlation id', value: run.handle.azure.correlationId }]
        : []),
    ],
  };
}

export function completedReply(run: RunRecord, server: ServerFacts | undefined): Reply {
  const host = server?.fullyQualifiedDomainName ?? `${run.request.target.name}.postgres.database.azure.com`;
  const user = server?.administratorLogin ?? '<admin user>';
  return {
    kind: 'info',
    title: 'Geo-restore complete',
    summary: `The new server ${run.request.target.name} is ready in ${run.request.target.region}.`,
    text: [
      'How to connect:',
      `- host ${host}, port 5432, SSL required`,
      `- user ${user}, with the same password as the source server's administrator. On Flexible Server the user name is plain; the user@server form was only for Single Server.`,
      `- for example: psql "host=${host} port=5432 dbname=postgres user=${user} sslmode=require"`,
      '',
      postRestoreList('Post-restore checklist:'),
    ].join('\n'),
    facts: [
      { label: 'Host name', value: host, status: 'pass' },
      { label: 'Region', value: server?.region ?? run.request.target.region },
      { label: 'Resource group', value: run.request.target.resourceGroup },
      ...(server?.version ? [{ label: 'PostgreSQL version', value: server.version }] : []),
      { label: 'Administrator login', value: user },
      ...(run.handle?.azure.correlationId
        ? [{ label: 'Correlation id', value: run.handle.azure.correlationId }]
        : []),
    ],
    buttons: [humanButton],
  };
}

export function failedReply(run: RunRecord, summary: string, advice: string, azure: AzureErrorInfo): Reply {
  return {
    kind: 'error',
    title: 'Geo-restore failed',
    summary,
    text: [
      advice,
      azure.correlationId ? 'Quote the correlation id below if you contact Microsoft support.' : '',
      'A person from the support team can help.',
    ]
      .filter((s) => s !== '')
      .join('\n\n'),
    facts: [{ label: 'Restore', value: what(run) }, ...azureIdFacts(azure)],
    buttons: [humanButton],
  };
}
