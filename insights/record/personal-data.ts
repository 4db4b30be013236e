import { pairedRegion } from '../../bot/azure-rules/region-pairs.js';
import { isResourceName } from '../../knowledge/text-features.js';

/**
 * Personal data out of a question before it is kept or shown in a draft. Contacts and ids go whenever a
 * question is kept (they say nothing about what people ask); server names and resource ids go from a
 * draft entry, which is meant for a pull request.
 */
const contacts: Array<[RegExp, string]> = [
  [/\b[\w.%+-]+@[\w-]+(?:\.[\w-]+)+\b/g, '<email>'],
  [/<@[A-Z0-9]+(?:\|[^>]*)?>/g, '<user>'],
  [/<at>[^<]{0,200}<\/at>/gi, '<user>'],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?\b/g, '<ip>'],
  [/\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b/gi, '<ip>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>'],
  [/\b(?:29|28|8):[\w-]{6,}/g, '<user>'],
  [/\b[UW][A-Z0-9]{8,}\b/g, '<user>'],
  [/\+?\d[\d ()-]{8,}\d/g, '<phone>'],
];

export function withoutContacts(text: string): string {
  return contacts.reduce((t, [pattern, placeholder]) => t.replace(pattern, placeholder), text);
}

/** Contacts, ids, resource ids, host names and server names replaced by placeholders. */
export function withoutPersonalData(text: string): string {
  let out = withoutContacts(text)
    .replace(/\/subscriptions\/[^\s'"`]+/gi, '<resource id>')
    .replace(
      /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:postgres\.database\.azure\.com|database\.windows\.net)\b/gi,
      '<server>',
    );
  out = out.replace(/\b[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+\b/g, (token) =>
    isResourceName(token) ? '<server>' : token,
  );
  // "server x", "named x", a quoted name, and names like pgorders01 (letters and digits, not a region).
  out = out.replace(/\b(named|called)(\s*[:=]?\s+)[a-z0-9][a-z0-9-]{2,62}\b/gi, '$1$2<server>');
  out = out.replace(/\b(server\s*[:=]?\s+)[a-z0-9]+(?:-[a-z0-9]+)+\b/gi, '$1<server>');
  out = out.replace(/(["'`])[a-z0-9][a-z0-9-]{2,62}\1/g, '$1<server>$1');
  return out.replace(/\b(?=[a-z0-9]*[a-z])(?=[a-z0-9]*\d)[a-z0-9]{6,63}\b/gi, (token) =>
    pairedRegion(token.toLowerCase()) ? token : '<server>',
  );
}
