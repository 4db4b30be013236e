import { describe, expect, it } from 'vitest';
import { foldText } from '../../knowledge/clean-text.js';
import { type EvalSetName, readEvalSet } from '../support/dev-set.js';
import { realKnowledge } from '../support/shared-knowledge.js';

/** Words a person would read, folded: what two texts share regardless of case, accents and punctuation. */
const words = (text: string) =>
  foldText(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

const sets: EvalSetName[] = ['dev', 'real'];

describe('the evaluation sets in eval/', () => {
  it.each(sets)('%s.jsonl names only topics the bot knows, or out-of-scope', (name) => {
    const known = new Set([...realKnowledge().entries.keys(), 'out-of-scope']);
    const unknown = readEvalSet(name).filter((q) => !known.has(q.topic));
    expect(unknown).toEqual([]);
  });

  it('holds the documented counts: dev 240 written (10 per in-scope topic, 30 off-topic), real 69 with URLs', () => {
    const dev = readEvalSet('dev');
    expect(dev).toHaveLength(240);
    expect(dev.every((q) => q.source === 'written')).toBe(true);
    expect(dev.filter((q) => q.topic === 'out-of-scope')).toHaveLength(30);
    const real = readEvalSet('real');
    expect(real).toHaveLength(69);
    expect(real.every((q) => /^https:\/\//.test(q.source))).toBe(true);
  });

  it.each(sets)('%s.jsonl is never training data: no line is a phrasing of the knowledge base', (name) => {
    const key = (s: string) => words(s).join(' ');
    const kb = realKnowledge();
    const phrasings = new Set(
      [...kb.entries.values()]
        .flatMap((e) => e.examples)
        .concat(kb.neighbours.flatMap((n) => n.examples))
        .map(key),
    );
    expect(readEvalSet(name).filter((q) => phrasings.has(key(q.text)))).toEqual([]);
  });
});
