import type { Activity } from 'botbuilder';
import { cleanText } from './card-text.js';

/**
 * The text of a Teams message as the engine should see it: the bot's own @mention removed (found by
 * the mention entity whose id is the bot's), other people's mentions reduced to their names, leftover
 * `<at>` tags unwrapped, control characters dropped and whitespace tidied.
 */
export function messageText(activity: Partial<Pick<Activity, 'text' | 'entities' | 'recipient'>>): string {
  let text = typeof activity.text === 'string' ? activity.text : '';
  const botId = activity.recipient?.id;
  for (const entity of activity.entities ?? []) {
    if (entity.type !== 'mention') continue;
    const raw = entity.text;
    const mentioned = entity.mentioned as { id?: unknown; name?: unknown } | undefined;
    if (typeof raw !== 'string' || raw.length === 0) continue;
    const name = typeof mentioned?.name === 'string' ? mentioned.name : unwrap(raw);
    text = text.split(raw).join(mentioned?.id === botId ? ' ' : name);
  }
  return tidy(unwrap(decodeBasicEntities(text)));
}

/** Whether the message @mentions the bot: a mention entity whose id is the bot's (the activity's recipient). */
export function mentionsBot(activity: Partial<Pick<Activity, 'entities' | 'recipient'>>): boolean {
  const botId = activity.recipient?.id;
  return (
    botId !== undefined &&
    (activity.entities ?? []).some(
      (e) => e.type === 'mention' && (e.mentioned as { id?: unknown } | undefined)?.id === botId,
    )
  );
}

function unwrap(text: string): string {
  return text.replace(/<at\b[^>]*>(.*?)<\/at>/gis, '$1');
}

/** Teams escapes a few characters in message text; the engine wants them as typed. */
function decodeBasicEntities(text: string): string {
  return text.replace(/&(nbsp|amp|lt|gt|quot|#39|apos);/g, (_, name: string) => ENTITIES[name] ?? '');
}

const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  apos: "'",
};

function tidy(text: string): string {
  return cleanText(text)
    .replace(/[ \u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
