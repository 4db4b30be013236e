import type { Reply } from '../../bot/model.js';
import type { Entry } from '../../knowledge/entry-schema.js';
import { humanButton } from './replies.js';

/**
 * What a feature says when its live part is not configured: the entry's answer (what the bot would
 * do), that it is switched off here, how an operator turns it on, and what the user can do meanwhile.
 */
export function unconfiguredReply(
  entry: Entry | undefined,
  summary: string,
  text: string,
  withHuman = true,
): Reply {
  return {
    kind: 'info',
    ...(entry ? { title: entry.title } : {}),
    summary,
    text: entry ? `${entry.answer.trim()}\n\n${text}` : text,
    ...(entry ? { links: entry.sources } : {}),
    ...(withHuman ? { buttons: [humanButton] } : {}),
  };
}
