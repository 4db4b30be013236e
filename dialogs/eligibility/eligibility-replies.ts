import type { Button, Reply } from '../../bot/model.js';
import type { ServerFacts } from '../../bot/ports/postgres-ops.js';
import type { AzureProblem } from '../common/azure-problem.js';
import { azureIdFacts } from '../common/azure-problem.js';
import { humanButton } from '../common/replies.js';
import type { Eligibility } from './eligibility-check.js';

/** The button that starts the restore dialog for a checked server; the restore feature answers it. */
export const startRestoreAction = 'restore.start';

const migrationLink = {
  title: 'Migrate from Single Server to Flexible Server',
  url: 'https://learn.microsoft.com/azure/postgresql/migrate/migration-service/overview-migration-service-postgresql',
};
const geoRestoreLink = {
  title: 'Restore to the paired region (geo-restore)',
  url: 'https://learn.microsoft.com/azure/postgresql/backup-restore/how-to-restore-paired-region',
};

export const serverContext = (s: ServerFacts) =>
  `Server ${s.ref.name} in resource group ${s.ref.resourceGroup}, subscription ${s.ref.subscriptionId}`;

/** Why the start button is not offered to this user, if it is not. */
export type StartOffer = 'offer' | 'writes-off' | 'not-allowed';

export function checkReply(result: Eligibility, offer: StartOffer): Reply {
  const { server } = result;
  const name = server.ref.name;
  if (server.ref.model === 'single-server') {
    return {
      kind: 'check',
      title: `Geo-restore check: ${name}`,
      summary: `${name} is a Single Server. Single Server was retired on 2025-03-28, so I do not offer a geo-restore of it.`,
      text: [
        'Here is what its settings say. Microsoft ended support for Single Server on 2025-03-28 and recommends migrating to Flexible Server, so a new geo-restore should not be planned on it.',
        '',
        'Next steps:',
        '- migrate the server to Flexible Server (the migration service copies schema and data)',
        '- choose geo-redundant backup when you create the Flexible Server: it cannot be switched on later',
        '- or talk to a person if you need a restore of this server now',
      ].join('\n'),
      facts: result.facts,
      context: serverContext(server),
      links: [migrationLink],
      buttons: [humanButton],
    };
  }
  const buttons: Button[] = [];
  const next: string[] = ['Next steps:'];
  if (result.eligible) {
    if (offer === 'offer') {
      buttons.push({
        id: startRestoreAction,
        label: 'Start a geo-restore',
        value: { serverId: server.ref.id },
        style: 'primary',
      });
      next.push(
        '- start a geo-restore: I will show exactly what will be created, and nothing happens until you confirm',
      );
    } else if (offer === 'writes-off') {
      next.push(
        '- starting a geo-restore from chat is switched off here (RESTORE_ENABLED), so use the portal or az postgres flexible-server geo-restore',
      );
    } else {
      next.push('- only people on the restore allowlist can start one from chat; a person can help you');
    }
  } else {
    next.push('- fix or work around the items marked as failed above; each says why and what to do instead');
  }
  next.push('- talk to a person from the support team');
  buttons.push(humanButton);
  return {
    kind: 'check',
    title: `Geo-restore check: ${name}`,
    summary: result.eligible
      ? `${name} can be geo-restored to ${result.pairedRegion ?? 'its paired region'}.`
      : `${name} cannot be geo-restored right now.`,
    text: next.join('\n'),
    facts: result.facts,
    context: serverContext(server),
    links: [geoRestoreLink],
    buttons,
  };
}

/** A 403 on the read itself: the check fails on its first item, which names the missing role. */
export function unreadableReply(name: string, problem: AzureProblem): Reply {
  return {
    kind: 'check',
    title: `Geo-restore check: ${name}`,
    summary: `I could not read ${name}: Azure denied access.`,
    text: problem.advice,
    facts: [
      {
        label: 'Readable',
        value:
          "No: the bot's identity is missing the Reader role on the server's subscription or resource group.",
        status: 'fail',
      },
      ...azureIdFacts(problem.azure),
    ],
    buttons: [humanButton],
  };
}
