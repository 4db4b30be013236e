import type { Button, Fact, Reply } from '../../bot/model.js';
import type { GeoRestoreRequest, ServerFacts } from '../../bot/ports/postgres-ops.js';
import { humanButton, info } from '../common/replies.js';
import { utc } from '../common/utc.js';
import { startRestoreAction } from '../eligibility/index.js';
import { postRestoreList } from './post-restore-tasks.js';
import type { Rejection } from './restore-confirmation.js';
import type { RunRecord } from './run/restore-run-record.js';

export const restoreActions = {
  start: startRestoreAction,
  pick: 'restore.pick',
  name: 'restore.name',
  group: 'restore.group',
  confirm: 'restore.confirm',
  cancel: 'restore.cancel',
  geoBackupOff: 'restore.geo-off',
} as const;

const cancelButton = (value?: { nonce: string }): Button => ({
  id: restoreActions.cancel,
  label: 'Cancel',
  ...(value ? { value } : {}),
});

export function writesOffReply(name: string | undefined): Reply {
  return {
    kind: 'info',
    summary: 'Starting a geo-restore from chat is switched off here, so nothing was started.',
    text: [
      'An operator switches it on with RESTORE_ENABLED=true (it is off by default, as a safety switch).',
      `I can still check whether ${name ?? 'a server'} could be geo-restored: type check ${name ?? '<server>'}.`,
      'Or start it yourself with az postgres flexible-server geo-restore, or ask a person.',
    ].join('\n\n'),
    buttons: [humanButton],
  };
}

export function notAllowedReply(name: string | undefined): Reply {
  return {
    kind: 'info',
    summary:
      'Sorry, you are not on the list of people who may start a geo-restore from chat, so nothing was started.',
    text: [
      'A geo-restore creates a new server and costs money, so only people an operator has listed can start one here.',
      `I can still check whether ${name ?? 'a server'} could be geo-restored: type check ${name ?? '<server>'}. A person from the support team can start the restore with you.`,
    ].join('\n\n'),
    buttons: [humanButton],
  };
}

export function notEligibleReply(server: ServerFacts, facts: Fact[]): Reply {
  const failed = facts.filter((f) => f.status === 'fail');
  return {
    kind: 'check',
    title: `Geo-restore of ${server.ref.name}`,
    summary: `I cannot start a geo-restore of ${server.ref.name}: it is not eligible.`,
    text: ['Why:', ...failed.map((f) => `- ${f.label}: ${f.value}`)].join('\n'),
    facts,
    buttons: [humanButton],
  };
}

export function askNameReply(server: ServerFacts, targetRegion: string, suggestion: string): Reply {
  return {
    kind: 'clarify',
    title: `Geo-restore of ${server.ref.name}`,
    summary: `The new server will be created in ${targetRegion}, the region paired with ${server.region}.`,
    text: [
      'A Flexible Server geo-restore always goes to the paired region, where the geo-backup is kept, so the region cannot be chosen. The source server is not changed.',
      `What should the new server be called? Type a name, or use ${suggestion}. Server names are 3-63 lower-case letters, digits and hyphens, and unique across Azure.`,
    ].join('\n\n'),
    buttons: [
      { id: restoreActions.name, label: `Use ${suggestion}`, value: { name: suggestion }, style: 'primary' },
      cancelButton(),
    ],
  };
}

export function badNameReply(name: string, why: string, suggestion: string): Reply {
  return {
    kind: 'clarify',
    summary: `I cannot use ${name} as the new server's name: ${why}`,
    text: `Type another name, or use ${suggestion}.`,
    buttons: [
      { id: restoreActions.name, label: `Use ${suggestion}`, value: { name: suggestion } },
      cancelButton(),
    ],
  };
}

export function askGroupReply(name: string, sourceGroup: string): Reply {
  return {
    kind: 'clarify',
    summary: `${name} is free.`,
    text: `Which resource group should the new server go in? It must already exist in the same subscription. Type its name, or keep the source's resource group, ${sourceGroup}.`,
    buttons: [
      {
        id: restoreActions.group,
        label: `Use ${sourceGroup}`,
        value: { resourceGroup: sourceGroup },
        style: 'primary',
      },
      cancelButton(),
    ],
  };
}

export function askSubnetReply(targetRegion: string): Reply {
  return {
    kind: 'clarify',
    summary: `The source server uses private access (VNet integration), so the new server needs a subnet in ${targetRegion}.`,
    text: [
      `Paste the resource id of a subnet in ${targetRegion} that is delegated to Microsoft.DBforPostgreSQL/flexibleServers, for example:`,
      '/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>',
    ].join('\n'),
    buttons: [cancelButton()],
  };
}

export function summaryReply(
  server: ServerFacts,
  request: GeoRestoreRequest,
  confirm: { nonce: string; hash: string; expiresAt: string },
): Reply {
  const { target } = request;
  const facts: Fact[] = [
    {
      label: 'Source (not changed)',
      value: `${server.ref.name} in ${server.ref.resourceGroup}, ${server.region}`,
    },
    { label: 'New server', value: target.name },
    { label: 'Region', value: `${target.region} (the paired region of ${server.region})` },
    { label: 'Resource group', value: `${target.resourceGroup}, subscription ${target.subscriptionId}` },
    {
      label: 'Data',
      value: 'The latest geo-backup in the paired region (usually less than one hour old).',
    },
    {
      label: 'Compute and storage',
      value: [
        server.tier,
        server.skuName,
        server.storageSizeGb ? `${server.storageSizeGb} GB` : undefined,
        server.version ? `PostgreSQL ${server.version}` : undefined,
      ]
        .filter((s) => s)
        .join(', ')
        .concat(' (as the source)'),
    },
    {
      label: 'Network',
      value: request.network
        ? `Private access in subnet ${request.network.delegatedSubnetId}`
        : 'Public access, as the source',
    },
    {
      label: 'Administrator',
      value: `${server.administratorLogin ?? 'as the source'}, with the source's password`,
    },
    {
      label: 'Geo-redundant backup',
      value: request.geoRedundantBackup
        ? 'Off for the new server (it cannot be switched on later)'
        : 'As the source (on)',
    },
  ];
  return {
    kind: 'confirm',
    title: `Confirm the geo-restore of ${server.ref.name}`,
    summary: `This creates a new server, ${target.name}, in ${target.region} from the geo-backup of ${server.ref.name}. It is billed like any server.`,
    text: [
      postRestoreList('What will NOT carry over (plan to redo it on the new server):'),
      '',
      ...(request.geoRedundantBackup
        ? []
        : [
            `If ${server.region} is down right now, Azure cannot create the new server with geo-redundant backup: choose Without geo-redundant backup, and I will show the summary again.`,
            '',
          ]),
      `To confirm, type the source server's name, ${server.ref.name}, and then click Start geo-restore. The button alone does not start anything. This confirmation is only for you and expires at ${utc(confirm.expiresAt)}.`,
    ].join('\n'),
    facts,
    buttons: [
      {
        id: restoreActions.confirm,
        label: 'Start geo-restore',
        value: { nonce: confirm.nonce, hash: confirm.hash },
        style: 'danger',
      },
      ...(request.geoRedundantBackup
        ? []
        : [
            {
              id: restoreActions.geoBackupOff,
              label: 'Without geo-redundant backup',
              value: { nonce: confirm.nonce },
            },
          ]),
      cancelButton({ nonce: confirm.nonce }),
      humanButton,
    ],
  };
}

export function nameTypedReply(request: GeoRestoreRequest, confirm: { nonce: string; hash: string }): Reply {
  return {
    kind: 'confirm',
    summary: `Name confirmed. Click Start geo-restore to create ${request.target.name} in ${request.target.region}.`,
    text: 'Or click Cancel, and nothing happens.',
    buttons: [
      {
        id: restoreActions.confirm,
        label: 'Start geo-restore',
        value: { nonce: confirm.nonce, hash: confirm.hash },
        style: 'danger',
      },
      cancelButton({ nonce: confirm.nonce }),
    ],
  };
}

export const wrongNameReply = (expected: string): Reply =>
  info(
    `That does not match. To confirm, type the source server's name exactly: ${expected}. Or type cancel.`,
  );

const rejectionText: Record<Rejection | 'writes-off' | 'not-allowed' | 'duplicate', string> = {
  unknown: 'I do not know this confirmation (it may have been cancelled or be very old).',
  foreign:
    'This confirmation belongs to someone else: only the person who asked for the restore can confirm it.',
  altered: 'The details of this confirmation do not match the summary I showed.',
  expired: 'This confirmation has expired.',
  superseded: 'This confirmation was replaced by a newer summary, or the restore was cancelled.',
  'name-not-typed': '',
  'writes-off': 'Starting a geo-restore from chat has been switched off (RESTORE_ENABLED).',
  'not-allowed': 'You are not on the list of people who may start a geo-restore from chat.',
  duplicate: 'A geo-restore to the same new server is already under way or finished.',
};

export function rejectedReply(reason: keyof typeof rejectionText, sourceName?: string): Reply {
  if (reason === 'name-not-typed') {
    return info(
      `Almost: first type the source server's name${sourceName ? `, ${sourceName},` : ''} to confirm, then click Start geo-restore. The button alone does not start anything.`,
    );
  }
  return {
    kind: 'info',
    summary: `Nothing was started. ${rejectionText[reason]}`,
    text:
      reason === 'foreign' || reason === 'not-allowed' || reason === 'writes-off' || reason === 'duplicate'
        ? 'A person from the support team can help.'
        : 'To restore, start again with restore <server>, and I will show a fresh summary.',
    buttons: [humanButton],
    personal: true,
  };
}

const runStatusText: Record<RunRecord['phase'], string> = {
  queued: 'It is being sent to Azure.',
  putting: 'It is being sent to Azure.',
  polling: 'Azure is creating the new server.',
  watching: 'Azure is creating the new server.',
  finishing: 'It has ended; the outcome is being posted here.',
  done: 'It has ended; the outcome was posted in this conversation.',
};

/**
 * The restore is running: said once when it starts, and, with the run's status, to every later click or
 * confirmation of the same request (true whether or not this turn's own state could be saved).
 */
export function startedReply(request: GeoRestoreRequest, again: boolean, run?: RunRecord): Reply {
  const what = `${request.source.name} to ${request.target.name} in ${request.target.region}`;
  if (!again)
    return {
      kind: 'progress',
      summary: `Geo-restore started: ${what}.`,
      text: 'I am sending it to Azure now and will post progress in this conversation, editing one message as it goes, and a message when it ends. You can keep chatting meanwhile.',
    };
  return {
    kind: 'progress',
    summary: `This geo-restore is already started: ${what}.`,
    text: `${run ? `${runStatusText[run.phase]} ` : ''}Nothing more was started. Its progress is posted in the conversation where it was confirmed.`,
  };
}
