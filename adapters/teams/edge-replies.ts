import { Actions, type Reply } from '../../bot/model.js';

/** Replies the Teams edge gives on its own, before or instead of the engine. */

export const welcomeReply: Reply = {
  kind: 'info',
  title: 'Hi, I am GeoRestore Bot',
  summary:
    'I answer questions about geo-redundant backup and geo-restore of Azure Database for PostgreSQL, ' +
    'and Cross Region Restore in Azure Backup.',
  text: [
    'Ask in your own words, for example: how do I restore my server in the paired region?',
    '- check <server>: is this server ready for a geo-restore?',
    '- restore <server>: start a geo-restore (for allowed users, after you confirm)',
    '- talk to a human: bring in the support team',
    '',
    'In a channel or group chat, mention me first.',
  ].join('\n'),
  buttons: [
    { id: Actions.help, label: 'Help' },
    { id: Actions.human, label: 'Talk to a person' },
  ],
};

export const expiredCardReply: Reply = {
  kind: 'info',
  text: 'That card has expired or is not one I can act on any more. Ask me again and I will send a fresh one.',
  buttons: [{ id: Actions.help, label: 'Help' }],
};
