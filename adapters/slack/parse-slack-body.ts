import { mediaType, UTF8 } from '../../bot/http/http-body.js';

/** What went wrong with a request body, as the HTTP status and a short reason to send back. */
export interface BodyProblem {
  status: 400 | 413 | 415;
  error: string;
}

export type Parsed = { ok: true; body: Record<string, unknown> } | { ok: false; problem: BodyProblem };

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting raw control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Decodes and parses a signed Slack body: JSON for the Events API, form fields for slash commands,
 * and a form with one `payload` field holding JSON for interactivity. Strict on purpose: invalid
 * UTF-8, raw control characters or broken percent-encoding are refused rather than guessed at.
 */
export function parseSlackBody(raw: Buffer, contentType: string | undefined): Parsed {
  let text: string;
  try {
    text = UTF8.decode(raw);
  } catch {
    return fail(400, 'body is not valid UTF-8');
  }
  if (RAW_CONTROL.test(text)) return fail(400, 'body contains control characters');
  const type = mediaType(contentType);
  if (type === 'application/json') return parseJsonObject(text, 'body');
  if (type === 'application/x-www-form-urlencoded') {
    const form = parseForm(text);
    if (!form.ok) return form;
    const payload = form.body.payload;
    return typeof payload === 'string' ? parseJsonObject(payload, 'payload') : form;
  }
  return fail(415, 'content type must be application/json or application/x-www-form-urlencoded');
}

/** `ssl_check=1` is Slack's unsigned reachability probe; nothing else may ride along with it. */
export function isSslCheck(raw: Buffer, contentType: string | undefined): boolean {
  return (
    mediaType(contentType) === 'application/x-www-form-urlencoded' && /^ssl_check=1(&|$)/.test(raw.toString())
  );
}

function parseJsonObject(text: string, what: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail(400, `${what} is not valid JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(400, `${what} must be a JSON object`);
  }
  return { ok: true, body: value as Record<string, unknown> };
}

function parseForm(text: string): Parsed {
  const body: Record<string, string> = Object.create(null);
  if (text.length === 0) return fail(400, 'form body is empty');
  for (const pair of text.split('&')) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    let key: string;
    let value: string;
    try {
      key = formDecode(rawKey);
      value = formDecode(rawValue);
    } catch {
      return fail(400, 'form body has malformed percent-encoding');
    }
    if (key in body) return fail(400, 'form body repeats a field');
    body[key] = value;
  }
  return { ok: true, body: { ...body } };
}

/** `+` is a space and `%XX` a byte; most fields have neither, and skip the work. Throws on bad `%`. */
function formDecode(part: string): string {
  const spaced = part.includes('+') ? part.replace(/\+/g, ' ') : part;
  return spaced.includes('%') ? decodeURIComponent(spaced) : spaced;
}

function fail(status: BodyProblem['status'], error: string): Parsed {
  return { ok: false, problem: { status, error } };
}
