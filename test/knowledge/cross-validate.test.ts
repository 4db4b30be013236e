import { describe, expect, it } from 'vitest';
import { crossValidate, splitKnowledge } from '../../knowledge/cross-validate.js';
import { outOfScope } from '../../knowledge/evaluate.js';
import { Matcher } from '../../knowledge/matcher.js';
import { realKnowledge } from '../support/shared-knowledge.js';

describe('cross-validation over the knowledge base', () => {
  it('holds out every k-th phrasing of each entry and neighbour, and trains on the rest', () => {
    const knowledge = realKnowledge();
    const folds = 5;
    const seen = new Set<string>();
    for (let fold = 0; fold < folds; fold++) {
      const { train, heldOut } = splitKnowledge(knowledge, folds, fold);
      const trained = new Set([
        ...[...train.entries.values()].flatMap((e) => e.examples),
        ...train.neighbours.flatMap((n) => n.examples),
      ]);
      for (const q of heldOut) {
        expect(trained.has(q.text)).toBe(false);
        seen.add(`${q.topic}\u0000${q.text}`);
      }
      expect(train.entries.get('crr-rpo')?.examples.length).toBeLessThan(
        knowledge.entries.get('crr-rpo')?.examples.length ?? 0,
      );
    }
    const all = [
      ...[...knowledge.entries.values()].flatMap((e) => e.examples.map((t) => `${e.id}\u0000${t}`)),
      ...knowledge.neighbours.flatMap((n) => n.examples.map((t) => `${outOfScope}\u0000${t}`)),
    ];
    expect(seen).toEqual(new Set(all));
    // the original knowledge base is left whole
    expect(knowledge.entries.get('crr-rpo')?.examples.length).toBeGreaterThanOrEqual(8);
  });

  it('scores each held-out phrasing with the model of its own fold', () => {
    const knowledge = realKnowledge();
    const built: number[] = [];
    const report = crossValidate(knowledge, 2, (train) => {
      built.push(train.neighbours.reduce((n, x) => n + x.examples.length, 0));
      return Matcher.build(train, { answerAt: 0.5, clarifyAt: 0.25, candidateAt: 0.08, folds: 2 });
    });
    expect(built).toHaveLength(2);
    const phrasings = [...knowledge.entries.values()].reduce((n, e) => n + e.examples.length, 0);
    expect(report.inScope.n).toBe(phrasings);
    // with two folds, each neighbour phrasing is trained on by one fold and held out by the other
    expect(report.outOfScope.n).toBe(built.reduce((a, b) => a + b, 0));
    // held-out phrasings of the team's own topics are mostly recognised
    expect(report.inScope.top3).toBeGreaterThan(0.8);
  }, 60_000);
});
