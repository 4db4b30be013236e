import type { LocatedLink } from './knowledge-links.js';
import { type LinkRules, learnHost, learnPath, movedChain } from './link-rules.js';
import type { KnowledgeErrors } from './load-knowledge.js';

/**
 * Every link must be https, on an allowed host, and not on a path known to redirect: a moved link
 * may land on another page than the one the answer means (the old restore how-tos now end at the
 * same-region restore page), so the knowledge base links the page where the redirects end.
 */
export function checkLinks(links: readonly LocatedLink[], rules: LinkRules, errors: KnowledgeErrors): void {
  const hosts = new Set(rules.allowedHosts);
  const notes = new Map(rules.moved.map((m) => [m.path, m.note]));
  for (const { file, field, url } of links) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      errors.add(file, field, `"${url}" is not a link`);
      continue;
    }
    if (parsed.protocol !== 'https:') {
      errors.add(file, field, `${url} is not an https link`);
      continue;
    }
    if (!hosts.has(parsed.hostname)) {
      errors.add(file, field, `${parsed.hostname} is not an allowed host (link-rules.yaml allowedHosts)`);
      continue;
    }
    if (parsed.hostname !== learnHost) continue;
    const path = learnPath(parsed);
    const chain = movedChain(rules, path);
    if (!chain) continue;
    const target = chain.at(-1) ?? path;
    const note = notes.get(path);
    errors.add(
      file,
      field,
      `${path} has moved (→ ${chain.join(' → ')}); link https://${learnHost}${target} ` +
        `if that page says what the answer needs${note ? ` (${note})` : ''}`,
    );
  }
}
