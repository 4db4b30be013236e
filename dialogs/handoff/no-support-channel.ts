import { unconfiguredReply } from '../common/unconfigured-reply.js';
import type { Dialog } from '../engine/dialog.js';
import { handoffDialogId } from './handoff-dialog.js';

const reply = () =>
  unconfiguredReply(
    undefined,
    'I cannot bring in a person from here: no support channel is configured.',
    'Please contact your support team directly. An operator can set SUPPORT_SLACK_CHANNEL_ID or SUPPORT_TEAMS_CHANNEL_ID so that I open a ticket for the team instead (see the README).',
    false,
  );

/** "Talk to a person" when no support channel is configured: says so, and whom to ask instead. */
export function noSupportChannelDialog(): Dialog {
  return {
    id: handoffDialogId,
    intents: ['human'],
    actionPrefix: 'human.',
    begin: async () => [reply()],
    onAction: async () => [reply()],
  };
}
