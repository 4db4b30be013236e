import { type EvalReport, evaluate, type LabelledQuestion, outOfScope } from './evaluate.js';
import type { Knowledge } from './load-knowledge.js';
import type { Matcher } from './matcher.js';

/** The knowledge base without every `folds`-th phrasing (starting at `fold`), and the phrasings left out. */
export function splitKnowledge(
  knowledge: Knowledge,
  folds: number,
  fold: number,
): { train: Knowledge; heldOut: LabelledQuestion[] } {
  const heldOut: LabelledQuestion[] = [];
  const keep = (examples: readonly string[], topic: string): string[] =>
    examples.filter((text, i) => {
      if (i % folds !== fold) return true;
      heldOut.push({ text, topic });
      return false;
    });
  const entries = new Map(
    [...knowledge.entries].map(([id, e]) => [id, { ...e, examples: keep(e.examples, id) }]),
  );
  const neighbours = knowledge.neighbours.map((n) => ({ ...n, examples: keep(n.examples, outOfScope) }));
  return { train: { ...knowledge, entries, neighbours }, heldOut };
}

/**
 * k-fold cross-validation over the knowledge base's own phrasings: each phrasing is matched by a
 * model built without it. Neighbouring topics' phrasings count as off-topic questions. Measures a
 * change to the matcher without looking at any evaluation set.
 */
export function crossValidate(
  knowledge: Knowledge,
  folds: number,
  build: (knowledge: Knowledge) => Matcher,
): EvalReport {
  const questions: LabelledQuestion[] = [];
  const matchers: Matcher[] = [];
  const owner: number[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const { train, heldOut } = splitKnowledge(knowledge, folds, fold);
    matchers.push(build(train));
    for (const q of heldOut) {
      questions.push(q);
      owner.push(fold);
    }
  }
  return evaluate(questions, (text, i) => (matchers[owner[i] ?? 0] as Matcher).match(text));
}
