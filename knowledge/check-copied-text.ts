import type { LocatedText } from './knowledge-texts.js';
import type { KnowledgeErrors } from './load-knowledge.js';
import { copiedRunWords, type SeedIndex } from './seed-index.js';

/** The knowledge base restates the seed documents in its own words: no run of eight or more of theirs. */
export function checkCopiedText(
  texts: readonly LocatedText[],
  seeds: SeedIndex,
  errors: KnowledgeErrors,
): void {
  for (const { file, field, text } of texts) {
    for (const run of seeds.copiedRuns(text)) {
      const n = run.words.split(' ').length;
      errors.add(
        file,
        field,
        `${n} words in a row copied from the seed ${run.seed} ("${run.words}"); ` +
          `say it in our own words (at most ${copiedRunWords - 1} shared words in a row)`,
      );
    }
  }
}
