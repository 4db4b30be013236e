import type { Reply } from '../../bot/model.js';
import type { Entry } from '../../knowledge/entry-schema.js';
import type { Dialog } from '../engine/dialog.js';
import type { KnowledgeBase } from '../engine/knowledge-base.js';
import { humanButton } from '../faq/faq-replies.js';
import { findServerQuery } from './server-name.js';

/**
 * What the action intents do when their live part is not configured: say what the bot would do,
 * that it is switched off here, how an operator turns it on, and what the user can do meanwhile.
 */
function unconfigured(entry: Entry | undefined, summary: string, text: string, withHuman = true): Reply {
  return {
    kind: 'info',
    ...(entry ? { title: entry.title } : {}),
    summary,
    text: entry ? `${entry.answer.trim()}\n\n${text}` : text,
    ...(entry ? { links: entry.sources } : {}),
    ...(withHuman ? { buttons: [humanButton] } : {}),
  };
}

const noSupportChannel = (): Reply =>
  unconfigured(
    undefined,
    'I cannot bring in a person from here: no support channel is configured.',
    'Please contact your support team directly. An operator can set SUPPORT_SLACK_CHANNEL_ID or SUPPORT_TEAMS_CHANNEL_ID so that I open a ticket for the team instead (see the README).',
    false,
  );

export function unconfiguredDialogs(kb: KnowledgeBase): Dialog[] {
  return [
    {
      id: 'check-eligibility',
      intents: ['check-eligibility'],
      async begin(ctx) {
        const server = findServerQuery(ctx.turn.text);
        const who = server ? `the server ${server.name}` : 'your server';
        return [
          unconfigured(
            kb.entry('check-eligibility'),
            `Live checks are not configured here, so I cannot look at ${who} in Azure right now.`,
            [
              'To switch live checks on, an operator sets AZURE_SUBSCRIPTION_ID and gives the bot an identity with the Reader role (see the README, "Live Azure").',
              'Meanwhile you can check it yourself with the Azure CLI:',
              `- az postgres flexible-server show --resource-group <group> --name ${server?.name ?? '<server>'} --query "{geoBackup: backup.geoRedundantBackup, created: systemData.createdAt, state: state, region: location}"`,
            ].join('\n'),
          ),
        ];
      },
    },
    {
      id: 'start-restore',
      intents: ['start-restore'],
      async begin(ctx) {
        const server = findServerQuery(ctx.turn.text);
        return [
          unconfigured(
            kb.entry('start-restore'),
            'Starting a geo-restore from chat is not configured here, so nothing was started.',
            [
              'To allow it, an operator configures Azure (AZURE_SUBSCRIPTION_ID), sets RESTORE_ENABLED=true and lists the people allowed to start one in RESTORE_ALLOWED_USERS (see the README, "Live Azure").',
              'Meanwhile you can start it yourself with the Azure CLI:',
              `- az postgres flexible-server geo-restore --resource-group <group> --name <new-server> --source-server ${server?.name ?? '<source-server>'} --location <paired-region>`,
            ].join('\n'),
          ),
        ];
      },
    },
    {
      id: 'human',
      intents: ['human'],
      actionPrefix: 'human.',
      begin: async () => [noSupportChannel()],
      onAction: async () => [noSupportChannel()],
    },
  ];
}
