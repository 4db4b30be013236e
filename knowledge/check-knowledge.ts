import { join } from 'node:path';
import { checkCopiedText } from './check-copied-text.js';
import { checkLinks } from './check-links.js';
import { checkReviewed } from './check-reviewed.js';
import { isoDate } from './entry-schema.js';
import { knowledgeLinks, type LocatedLink } from './knowledge-links.js';
import { knowledgeTexts } from './knowledge-texts.js';
import { readLinkRules } from './link-rules.js';
import { KnowledgeErrors, readKnowledge } from './load-knowledge.js';
import { SeedIndex } from './seed-index.js';

export interface KnowledgeCheck {
  /** Each as "file: field: what is wrong". */
  problems: string[];
  entries: number;
  neighbours: number;
  products: number;
  seeds: string[];
  links: LocatedLink[];
}

/**
 * What a maintainer runs before a pull request (npm run kb:check): the schema, follow-ups and
 * neighbours that exist, links on allowed hosts and off known moved paths, no sentence copied from the
 * seed documents (knowledge/seeds), and no entry reviewed more than twelve months before `today`.
 */
export function checkKnowledge(dir: string, today: string): KnowledgeCheck {
  if (!isoDate.safeParse(today).success)
    throw new Error(`today must be a date written as YYYY-MM-DD: ${today}`);
  const errors = new KnowledgeErrors();
  const kb = readKnowledge(dir, errors);
  const rules = readLinkRules(dir, errors);
  const links = knowledgeLinks(kb);
  checkLinks(links, rules, errors);
  let seeds: string[] = [];
  try {
    const read = SeedIndex.read(join(dir, 'seeds'));
    seeds = read.names;
    if (seeds.length === 0) errors.add('seeds', '', 'no seed documents (*.txt) found');
    else checkCopiedText(knowledgeTexts(kb), read.index, errors);
  } catch (err) {
    errors.add('seeds', '', `cannot read the seed documents (${(err as Error).message})`);
  }
  checkReviewed(kb.entries.values(), today, errors);
  return {
    problems: errors.problems,
    entries: kb.entries.size,
    neighbours: kb.neighbours.length,
    products: kb.products.length,
    seeds,
    links,
  };
}
