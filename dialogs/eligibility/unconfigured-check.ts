import { findServerQuery } from '../common/server-name.js';
import { unconfiguredReply } from '../common/unconfigured-reply.js';
import type { Dialog } from '../engine/dialog.js';
import type { KnowledgeBase } from '../engine/knowledge-base.js';
import { eligibilityDialogId } from './eligibility-dialog.js';

/** "check <server>" without live Azure: what the check would do, and the Azure CLI to do it by hand. */
export function unconfiguredCheckDialog(kb: KnowledgeBase): Dialog {
  return {
    id: eligibilityDialogId,
    intents: ['check-eligibility'],
    async begin(ctx) {
      const server = findServerQuery(ctx.turn.text);
      const who = server ? `the server ${server.name}` : 'your server';
      return [
        unconfiguredReply(
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
  };
}
