import { plainUserText } from '../../bot/text/user-text.js';

/**
 * Text crossing the Slack edge. Outbound: Slack treats `&`, `<` and `>` as control characters of its
 * markup (`<!channel>`, `<@U1>`, `<https://x|label>`), so escaping those three makes any string inert.
 * Inbound: Slack's markup is turned back into plain text for the engine.
 */

export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Slack message markup → plain text, once, at the edge: the bot's own mention removed, other mentions
 * and links shown as their readable form, code fences and backticks (markup only: what they hold is
 * kept, an error text stays word for word) dropped, entities decoded, then the one user-text rule (no
 * length cap: the engine refuses an over-long message in the same words on every channel).
 */
export function slackToPlain(text: string, botUserId?: string): string {
  const plain = text
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => {
      const [target = '', label] = splitLabel(inner);
      if (target.startsWith('@')) {
        const id = target.slice(1);
        if (botUserId !== undefined && id === botUserId) return '';
        return `@${label ?? id}`;
      }
      if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
      if (target.startsWith('!')) {
        const special = target.slice(1).split('^')[0] ?? '';
        return label ?? `@${special}`;
      }
      return label ?? target;
    })
    .replace(/```/g, '\n')
    .replace(/`/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return plainUserText(plain);
}

function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar < 0 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}

/** Code blocks of Slack markup (```…```): what a person pasted, not what they wrote. */
const FENCED = /```[\s\S]*?```/g;

/** A Slack message as the engine reads one someone chose with a shortcut: all of it, and its prose. */
export function slackMessageParts(text: string, botUserId?: string): { text: string; prose: string } {
  return { text: slackToPlain(text, botUserId), prose: slackToPlain(text.replace(FENCED, '\n'), botUserId) };
}
