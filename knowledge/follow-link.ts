import { learnPath } from './link-rules.js';

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface LinkHop {
  url: string;
  status: number;
}

/**
 * Where a link leads. `ok`: a page answers, directly or after redirects that only add a language
 * segment (Learn sends /azure/… to /en-us/azure/…). `redirected`: it ends on another page. `dead`:
 * the page (or a page it redirects to) answers 4xx/5xx. `unreachable`: no answer at all.
 */
export type LinkOutcome =
  | { kind: 'ok'; hops: LinkHop[] }
  | { kind: 'redirected'; hops: LinkHop[]; finalUrl: string }
  | { kind: 'dead'; hops: LinkHop[]; status: number }
  | { kind: 'unreachable'; hops: LinkHop[]; reason: string };

export interface FollowOptions {
  fetch: Fetch;
  maxHops?: number;
  timeoutMs?: number;
}

/** The same page in another language folder (or with a trailing slash): not a move. */
function samePage(a: URL, b: URL): boolean {
  return a.hostname === b.hostname && learnPath(a) === learnPath(b);
}

/** Why a request got no answer, as a person can act on it ("ENOTFOUND learn.microsoft.com"). */
export function networkReason(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return 'no answer before the timeout';
  const cause = e?.cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return cause?.message ?? e?.message ?? String(err);
}

/** Follows a link hop by hop (redirects are not followed by fetch, so each one is seen and counted). */
export async function followLink(url: string, options: FollowOptions): Promise<LinkOutcome> {
  const { fetch, maxHops = 8, timeoutMs = 15_000 } = options;
  const hops: LinkHop[] = [];
  const start = new URL(url);
  let at = start;
  for (;;) {
    let res: Response;
    try {
      res = await fetch(at.href, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      return { kind: 'unreachable', hops, reason: `${at.hostname}: ${networkReason(err)}` };
    }
    await res.body?.cancel();
    hops.push({ url: at.href, status: res.status });
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      if (hops.length > maxHops)
        return { kind: 'unreachable', hops, reason: `more than ${maxHops} redirects` };
      at = new URL(location, at);
      continue;
    }
    if (res.status >= 400) return { kind: 'dead', hops, status: res.status };
    if (hops.length === 1 || samePage(start, at)) return { kind: 'ok', hops };
    return { kind: 'redirected', hops, finalUrl: at.href };
  }
}
