/**
 * Text crossing the Slack edge. Outbound: Slack treats `&`, `<` and `>` as control characters of its
 * markup (`<!channel>`, `<@U1>`, `<https://x|label>`), so escaping those three makes any string inert.
 * Inbound: Slack's markup is turned back into plain text for the engine.
 */

export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text the engine accepts from one message; longer text is cut here, not by the engine. */
export const MAX_TURN_TEXT = 4000;

// C0 and C1 control characters other than tab and newline, plus bidi overrides that disguise text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

export function stripControl(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/**
 * Slack message markup → plain text: the bot's own mention removed, other mentions and links shown
 * as their readable form, entities decoded, control characters dropped, length capped.
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
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return stripControl(plain)
    .replace(/[ \t]{2,}/g, ' ')
    .trim()
    .slice(0, MAX_TURN_TEXT);
}

function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar < 0 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}
