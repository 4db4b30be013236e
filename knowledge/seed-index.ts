import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldText } from './clean-text.js';

/** A run of this many words shared with a seed counts as copied. */
export const copiedRunWords = 8;

/**
 * Names of products and features count as one word: "Cross Region Restore for Azure Database for
 * PostgreSQL" names a feature of a product, it is not a sentence of the seed.
 */
const names = [
  'azure database for postgresql',
  'cross region restore',
  'azure backup',
  'backup vault',
  'flexible server',
  'single server',
];
const namePattern = new RegExp(`\\b(?:${names.join('|')})\\b`, 'g');

/**
 * The words of a text, case and punctuation aside: folded to lower case without accents, markdown
 * link targets and HTML tags dropped, apostrophes joined ("can't" → "cant"), everything else a break,
 * and each product or feature name one word.
 */
export function textWords(text: string): string[] {
  const plain = foldText(text)
    .replace(/\]\([^)]*\)/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, ' ');
  return plain.replace(namePattern, (name) => name.replace(/ /g, '_')).match(/[a-z0-9_]+/g) ?? [];
}

export interface CopiedRun {
  /** The shared words, as they read in the checked text (folded). */
  words: string;
  seed: string;
}

/** Every run of `copiedRunWords` words in the seed documents, to find them again in our texts. */
export class SeedIndex {
  private readonly runs = new Map<string, string>();

  constructor(seeds: ReadonlyArray<{ name: string; text: string }>) {
    for (const seed of seeds) {
      const w = textWords(seed.text);
      for (let i = 0; i + copiedRunWords <= w.length; i++) {
        const key = w.slice(i, i + copiedRunWords).join(' ');
        if (!this.runs.has(key)) this.runs.set(key, seed.name);
      }
    }
  }

  /** The seed documents of a folder: every `.txt` file in it (its README names their sources). */
  static read(dir: string): { index: SeedIndex; names: string[] } {
    const names = readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort();
    const seeds = names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
    return { index: new SeedIndex(seeds), names };
  }

  /** The longest stretches of `text` made of runs found in a seed, each reported once. */
  copiedRuns(text: string): CopiedRun[] {
    const w = textWords(text);
    const found: CopiedRun[] = [];
    let i = 0;
    while (i + copiedRunWords <= w.length) {
      const seed = this.runs.get(w.slice(i, i + copiedRunWords).join(' '));
      if (!seed) {
        i++;
        continue;
      }
      let end = i + copiedRunWords;
      while (end < w.length && this.runs.has(w.slice(end - copiedRunWords + 1, end + 1).join(' '))) end++;
      found.push({ words: w.slice(i, end).join(' '), seed });
      i = end;
    }
    return found;
  }
}
