import type { Activity } from 'botbuilder';
import { plainUserText } from '../../bot/text/user-text.js';

/**
 * The text of a Teams message as the engine should see it, made once here. Teams delivers `text` as
 * the person typed it, with one piece of markup: `<at>Name</at>` for a mention (the formatted form is
 * an HTML attachment, which the bot does not read). So the bot's own @mention is removed (found by the
 * mention entity whose id is the bot's), other people's mentions become their names, leftover `<at>`
 * tags are unwrapped, and nothing else is touched: `<timestamp>`, `&lt;` and `a < b > c` stay as typed.
 * Then the one user-text rule.
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
  return plainUserText(unwrap(text));
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
