import { EVIL_HOSTS } from './hostile-text.js';

/** Every string inside a JSON-like value, with the path to it. */
export function stringsIn(value: unknown, path = '$'): Array<{ path: string; text: string }> {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsIn(item, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => stringsIn(item, `${path}.${key}`));
  return [];
}

const evil = (text: string) => EVIL_HOSTS.some((host) => text.toLowerCase().includes(host.toLowerCase()));

/**
 * Live Slack markup in one outbound call (a Web API call, a response_url POST or an ack body): any
 * `<!…>`, `<@…>` or `<#…>` (the bot never mentions anyone itself), and any `<url|…>` link whose URL
 * points at a host only the fuzzer writes. Button `url` fields are links too.
 */
export function liveSlackMarkup(payload: unknown): string[] {
  const found: string[] = [];
  for (const { path, text } of stringsIn(payload)) {
    if (/<[!@#]/.test(text)) found.push(`${path}: mention ${sample(text, /<[!@#]/)}`);
    for (const link of text.matchAll(/<([a-z][a-z0-9+.-]*:[^|>]*)/gi))
      if (evil(link[1] ?? '') || !/^https:/i.test(link[1] ?? '')) found.push(`${path}: link ${link[1]}`);
    if (/\.url$/.test(path) && evil(text)) found.push(`${path}: button url ${text}`);
  }
  return found;
}

/**
 * Live Teams markup in one outbound activity: a mention entity or an unescaped `<at>` tag, an
 * unescaped Markdown link or image, or a bare URL to a fuzzer host that a client would turn into a link
 * (the card escaping breaks `://` and `www.` with a word joiner).
 */
export function liveTeamsMarkup(activity: Record<string, unknown>): string[] {
  const found: string[] = [];
  const entities = (activity.entities as Array<{ type?: string }> | undefined) ?? [];
  if (entities.some((e) => e.type === 'mention')) found.push('$.entities: mention entity');
  for (const { path, text } of stringsIn(activity)) {
    if (/(^|[^\\])<at\b/i.test(text)) found.push(`${path}: <at> ${sample(text, /<at\b/i)}`);
    if (/(^|[^\\])\]\(/.test(text) && /(^|[^\\])\[/.test(text))
      found.push(`${path}: markdown link ${sample(text, /\]\(/)}`);
    if (/\.url$/.test(path) && evil(text)) found.push(`${path}: action url ${text}`);
    else if (evil(text) && /(:\/\/|\bwww\.)[^\s]*/i.test(withoutJoiners(text)) && livesBare(text))
      found.push(`${path}: bare link ${sample(text, /:\/\/|www\./i)}`);
  }
  return found;
}

/** A URL stays live when `://` or `www.` is not broken by the escaping's word joiner. */
function livesBare(text: string): boolean {
  return /[a-z]:\/\/|\bwww\.[a-z]/i.test(text);
}

function withoutJoiners(text: string): string {
  return text.replace(/\u2060/g, '');
}

function sample(text: string, at: RegExp): string {
  const i = Math.max(0, text.search(at) - 20);
  return JSON.stringify(text.slice(i, i + 80));
}
