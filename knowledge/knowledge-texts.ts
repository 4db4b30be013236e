import type { Knowledge } from './load-knowledge.js';

/** A text of the knowledge base written by the team, and where it is written. */
export interface LocatedText {
  file: string;
  field: string;
  text: string;
}

/**
 * Every text the team wrote in its own words: titles, answers, notes, facts and example phrasings.
 * Source and pointer titles are left out: they cite a page by its own title.
 */
export function knowledgeTexts(kb: Omit<Knowledge, 'calibration'>): LocatedText[] {
  const texts: LocatedText[] = [];
  for (const e of kb.entries.values()) {
    const file = `${e.id}.yaml`;
    texts.push({ file, field: 'title', text: e.title }, { file, field: 'short', text: e.short });
    texts.push({ file, field: 'answer', text: e.answer });
    e.basis.forEach((b, i) => {
      texts.push({ file, field: `basis.${i}.fact`, text: b.fact });
    });
    e.examples.forEach((x, i) => {
      texts.push({ file, field: `examples.${i}`, text: x });
    });
  }
  kb.neighbours.forEach((n, i) => {
    const file = 'neighbours.yaml';
    texts.push({ file, field: `${i}.title`, text: n.title });
    if (n.note) texts.push({ file, field: `${i}.note`, text: n.note });
    n.examples.forEach((x, j) => {
      texts.push({ file, field: `${i}.examples.${j}`, text: x });
    });
  });
  kb.products.forEach((p, i) => {
    texts.push({ file: 'other-products.yaml', field: `${i}.title`, text: p.title });
  });
  return texts;
}
