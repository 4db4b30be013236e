import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { KnowledgeErrors } from './load-knowledge.js';

export const LINK_RULES_FILE = 'link-rules.yaml';

const path = z
  .string()
  .regex(/^\/[a-z0-9/_.-]*[a-z0-9]$/, 'a lower-case path starting with "/", no trailing "/"');

const linkRulesSchema = z.strictObject({
  allowedHosts: z.array(z.string().regex(/^[a-z0-9.-]+$/, 'a host name')).min(1),
  moved: z.array(
    z.strictObject({
      path,
      to: path,
      /** Where the move is declared (see the file's header). */
      source: z.string().min(1),
      note: z.string().min(1).optional(),
    }),
  ),
});

export type LinkRules = z.infer<typeof linkRulesSchema>;

/** The host of the moved paths: Microsoft Learn. */
export const learnHost = 'learn.microsoft.com';

/**
 * A Learn page's path as the redirect map writes it: lower case, without the locale segment
 * (`/en-us/`) a browser adds, and without a trailing slash.
 */
export function learnPath(url: URL): string {
  return url.pathname
    .toLowerCase()
    .replace(/^\/[a-z]{2}-[a-z]{2,4}(?=\/)/, '')
    .replace(/\/+$/, '');
}

/** Reads knowledge/link-rules.yaml; problems go to `errors` and an empty rule set comes back. */
export function readLinkRules(dir: string, errors: KnowledgeErrors): LinkRules {
  const file = join(dir, LINK_RULES_FILE);
  const empty: LinkRules = { allowedHosts: [], moved: [] };
  if (!existsSync(file)) {
    errors.add(LINK_RULES_FILE, '', 'file is missing');
    return empty;
  }
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    errors.add(LINK_RULES_FILE, '', `not valid YAML (${(err as Error).message.split('\n')[0]})`);
    return empty;
  }
  const parsed = linkRulesSchema.safeParse(raw);
  if (!parsed.success) {
    errors.addIssues(LINK_RULES_FILE, parsed.error.issues);
    return empty;
  }
  const seen = new Set<string>();
  parsed.data.moved.forEach((m, i) => {
    if (seen.has(m.path)) errors.add(LINK_RULES_FILE, `moved.${i}.path`, `${m.path} is listed twice`);
    seen.add(m.path);
    if (movedChain(parsed.data, m.path) === undefined)
      errors.add(LINK_RULES_FILE, `moved.${i}.to`, 'the moves starting here run in a circle');
  });
  return parsed.data;
}

/**
 * The paths a moved path redirects through, ending where the chain stops (the page to link), or
 * undefined for a path that has not moved or for a chain that loops.
 */
export function movedChain(rules: LinkRules, from: string): string[] | undefined {
  const next = new Map(rules.moved.map((m) => [m.path, m.to]));
  if (!next.has(from)) return undefined;
  const chain: string[] = [];
  let at: string | undefined = from;
  while (at !== undefined && next.has(at)) {
    at = next.get(at);
    if (at === undefined || chain.includes(at) || at === from) return undefined;
    chain.push(at);
  }
  return chain;
}
