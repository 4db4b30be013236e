import { type FollowOptions, followLink, type LinkOutcome } from './follow-link.js';
import type { LocatedLink } from './knowledge-links.js';

export interface OnlineCheck {
  /** Each as "file: field: what is wrong". */
  problems: string[];
  checked: number;
  /** Links that got no answer at all: when it is every one, the machine is probably offline. */
  unreachable: number;
  /** The first reason a link got no answer, to say why. */
  firstFailure?: string;
}

function describe(outcome: Exclude<LinkOutcome, { kind: 'ok' }>, url: string): string {
  const path = outcome.hops.map((h) => `${h.url} (${h.status})`).join(' → ');
  switch (outcome.kind) {
    case 'redirected':
      return `${url} redirects: ${path}; link the page where it ends if that is the right page`;
    case 'dead':
      return `${url} is dead: ${path}`;
    case 'unreachable':
      return `${url} could not be checked: ${outcome.reason}${path ? ` after ${path}` : ''}`;
  }
}

/**
 * Follows each distinct link once, a few at a time, and names every place a redirecting, dead or
 * unreachable link is written.
 */
export async function checkLinksOnline(
  links: readonly LocatedLink[],
  options: FollowOptions & { concurrency?: number },
): Promise<OnlineCheck> {
  const urls = [...new Set(links.map((l) => l.url))];
  const outcomes = new Map<string, LinkOutcome>();
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++] as string;
      outcomes.set(url, await followLink(url, options));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, urls.length) }, worker));
  const problems: string[] = [];
  for (const { file, field, url } of links) {
    const outcome = outcomes.get(url);
    if (outcome && outcome.kind !== 'ok') problems.push(`${file}: ${field}: ${describe(outcome, url)}`);
  }
  const failed = [...outcomes.values()].filter((o) => o.kind === 'unreachable');
  const firstFailure = failed[0]?.kind === 'unreachable' ? failed[0].reason : undefined;
  return {
    problems,
    checked: urls.length,
    unreachable: failed.length,
    ...(firstFailure ? { firstFailure } : {}),
  };
}
