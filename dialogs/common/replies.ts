import { Actions, type Button, type Reply } from '../../bot/model.js';
import type { Entry } from '../../knowledge/entry-schema.js';

/** Replies and buttons any dialog may give. */

export const humanButton: Button = { id: Actions.human, label: 'Talk to a person' };

export const scope =
  'I answer questions about geo-redundant backups and geo-restore of Azure Database for PostgreSQL, and Cross Region Restore in Azure Backup.';

export const info = (text: string, buttons?: Button[]): Reply => ({
  kind: 'info',
  text,
  ...(buttons ? { buttons } : {}),
});

/** A click on a button whose dialog has moved on or no longer exists. */
export const staleButtonReply = (retry = 'Type help to see what I can do.'): Reply =>
  info(`That button no longer does anything. ${retry}`);

/**
 * The one apology of the engine's error boundary, shown only to the person who asked. A storage
 * failure says that nothing was done, because the turn's state was not saved.
 */
export function apologyReply(cause: 'storage' | 'internal'): Reply {
  return {
    kind: 'error',
    text:
      cause === 'storage'
        ? 'I could not save our conversation just now, so nothing was done. Please try again in a moment.'
        : 'Something went wrong on my side while handling that. Please try again, or ask for a person.',
    buttons: [humanButton],
    personal: true,
  };
}

export function helpReply(examples: Entry[]): Reply {
  return {
    kind: 'help',
    title: 'GeoRestore Bot',
    summary: scope,
    text: [
      'Ask a question in your own words, for example:',
      '- What is geo-redundant backup?',
      '- Can I turn on geo-redundant backup after the server was created?',
      '- Why can I not connect to my restored server?',
      '- How does Cross Region Restore work on a Backup vault?',
      '',
      'I can also check one of your servers (check pg-orders), start a geo-restore for allowed users (restore pg-orders), and bring in a person (talk to a human).',
      '',
      'Commands that work at any time: help, cancel, start over.',
    ].join('\n'),
    buttons: [
      ...examples.map((e) => ({ id: Actions.show, label: e.title, value: { entryId: e.id } })),
      humanButton,
    ],
  };
}
