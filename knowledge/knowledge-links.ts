import type { Knowledge } from './load-knowledge.js';

/** A link of the knowledge base and where it is written. */
export interface LocatedLink {
  file: string;
  field: string;
  url: string;
}

/** Every link the bot shows: entry sources, neighbour pointers and other-product pointers. */
export function knowledgeLinks(kb: Omit<Knowledge, 'calibration'>): LocatedLink[] {
  const links: LocatedLink[] = [];
  for (const entry of kb.entries.values()) {
    entry.sources.forEach((s, i) => {
      links.push({ file: `${entry.id}.yaml`, field: `sources.${i}.url`, url: s.url });
    });
  }
  kb.neighbours.forEach((n, i) => {
    if (n.pointer) links.push({ file: 'neighbours.yaml', field: `${i}.pointer.url`, url: n.pointer.url });
  });
  kb.products.forEach((p, i) => {
    if (p.pointer) links.push({ file: 'other-products.yaml', field: `${i}.pointer.url`, url: p.pointer.url });
  });
  return links;
}
