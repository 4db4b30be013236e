/**
 * Candidates for a misspelt word without comparing it to the whole vocabulary: every word is indexed
 * under the strings it becomes with up to two letters deleted, and a token looks up the strings it
 * becomes the same way. Two words within `limit` edits (insertions, deletions, substitutions or swaps
 * of neighbours) always share such a string, so the candidates include every word the full scan would
 * have considered; the caller still measures each candidate's distance. Comparing a new word with each
 * of some 1,400 words took about 0.4 ms, which a long post full of names paid once per new word.
 */
export class SpellingIndex {
  private readonly byDeletion = new Map<string, number[]>();
  private readonly words: string[];

  /** `words` in the order ties between equally good candidates are settled in. */
  constructor(words: Iterable<string>, maxEdits = 2) {
    this.words = [...words];
    this.words.forEach((word, i) => {
      for (const key of deletions(word, maxEdits)) {
        const list = this.byDeletion.get(key);
        if (list) list.push(i);
        else this.byDeletion.set(key, [i]);
      }
    });
  }

  /** Words that may be within `limit` edits of `token`, in the order given at construction. */
  candidates(token: string, limit: number): string[] {
    const found = new Set<number>();
    for (const key of deletions(token, limit)) for (const i of this.byDeletion.get(key) ?? []) found.add(i);
    return [...found].sort((a, b) => a - b).map((i) => this.words[i] as string);
  }
}

/** The word itself and every string it becomes with up to `edits` letters deleted. */
function deletions(word: string, edits: number): Set<string> {
  const out = new Set([word]);
  let frontier = [word];
  for (let e = 0; e < edits; e++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const d = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(d)) {
          out.add(d);
          next.push(d);
        }
      }
    }
    frontier = next;
  }
  return out;
}
