import { describe, expect, it } from 'vitest';
import { NaiveBayes } from '../../knowledge/naive-bayes.js';
import type { Sample } from '../../knowledge/softmax-classifier.js';

const sample = (label: string, ...words: string[]): Sample => ({
  label,
  features: new Map(words.map((w) => [w, 1])),
});

describe('naive Bayes', () => {
  const classes = ['copy', 'view'];

  it('favours the class whose phrasings use the words of the question', () => {
    const bayes = new NaiveBayes(
      [sample('copy', 'often', 'copied'), sample('copy', 'often', 'region'), sample('view', 'see', 'region')],
      classes,
    );
    const [copy = 0, view = 0] = bayes.scores(new Map([['often', 1]]));
    expect(copy).toBeGreaterThan(view);
    const [copy2 = 0, view2 = 0] = bayes.scores(new Map([['see', 1]]));
    expect(view2).toBeGreaterThan(copy2);
  });

  it('gives a class with more phrasings no head start on a word both use alike', () => {
    const many = Array.from({ length: 10 }, () => sample('copy', 'region', 'often'));
    const bayes = new NaiveBayes([...many, sample('view', 'region', 'see')], classes);
    const [copy = 0, view = 0] = bayes.scores(new Map([['region', 1]]));
    // by raw counts "copy" would have ten times the evidence; by likelihood the two are alike
    expect(Math.abs(copy - view)).toBeLessThan(0.05);
  });

  it('ignores words no phrasing used and weighs samples by their weight', () => {
    const light = { ...sample('view', 'often'), weight: 0.1 };
    const bayes = new NaiveBayes([sample('copy', 'often'), light, sample('view', 'see')], classes);
    expect([...bayes.scores(new Map([['unheard', 1]]))]).toEqual([0, 0]);
    const [copy = 0, view = 0] = bayes.scores(new Map([['often', 1]]));
    expect(copy).toBeGreaterThan(view);
  });
});
