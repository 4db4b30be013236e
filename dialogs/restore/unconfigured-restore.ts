import { findServerQuery } from '../common/server-name.js';
import { unconfiguredReply } from '../common/unconfigured-reply.js';
import type { Dialog } from '../engine/dialog.js';
import type { KnowledgeBase } from '../engine/knowledge-base.js';
import { restoreDialogId } from './restore-state.js';

/** "restore <server>" without live Azure: nothing is started; how to allow it, and the CLI meanwhile. */
export function unconfiguredRestoreDialog(kb: KnowledgeBase): Dialog {
  return {
    id: restoreDialogId,
    intents: ['start-restore'],
    async begin(ctx) {
      const server = findServerQuery(ctx.turn.text);
      return [
        unconfiguredReply(
          kb.entry('start-restore'),
          'Starting a geo-restore from chat is not configured here, so nothing was started.',
          [
            'To allow it, an operator configures Azure (AZURE_SUBSCRIPTION_ID), sets RESTORE_ENABLED=true and lists the people allowed to start one in RESTORE_ALLOWED_USERS (see the README, "Live Azure").',
            'Meanwhile you can start it yourself with the Azure CLI:',
            `- az postgres flexible-server geo-restore --resource-group <group> --name <new-server> --source-server ${server?.name ?? '<source-server>'} --location <paired-region>`,
            "The resource group is the new server's: when the source is in another one, give --source-server its full resource id. A private-access source needs --vnet and --subnet in the paired region; while the source region is down, add --geo-redundant-backup Disabled.",
          ].join('\n'),
        ),
      ];
    },
  };
}
