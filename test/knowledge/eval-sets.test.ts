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

/** The longest run of words two texts share, in order. */
function longestRun(a: string[], b: string[]): number {
  let best = 0;
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : 0;
      best = Math.max(best, row[j] ?? 0);
      diagonal = above;
    }
  }
  return best;
}

/**
 * A knowledge-base text close to an evaluation line: nearly the same words (Jaccard 0.7 or more, a reworded
 * line), or a run of six or more words covering three quarters of the line (a line lightly edited).
 * `byWords: false` checks only the run, for answer prose, which says the topic's words in any order.
 */
function closeParaphrase(asked: string[], kbText: string[], { byWords = true } = {}): boolean {
  const a = new Set(asked);
  const b = new Set(kbText);
  const shared = [...a].filter((x) => b.has(x)).length;
  if (byWords && shared / (a.size + b.size - shared) >= 0.7) return true;
  const run = longestRun(asked, kbText);
  return run >= 6 && run >= 0.75 * asked.length;
}

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

  it.each(sets)(
    '%s.jsonl is never training data: no line, nor a close paraphrase, is in the knowledge base',
    (name) => {
      const kb = realKnowledge();
      const phrasings = [...kb.entries.values()]
        .flatMap((e) => e.examples)
        .concat(kb.neighbours.flatMap((n) => n.examples))
        .map(words);
      // Answers and summaries, sentence by sentence (titles name a topic and are left out).
      const prose = [...kb.entries.values()]
        .flatMap((e) => [e.short, ...e.answer.split(/(?<=[.?!])\s+|\n+/)])
        .map(words);
      const copies = readEvalSet(name).flatMap((q) => {
        const asked = words(q.text);
        const close = (kbText: string[]) => closeParaphrase(asked, kbText);
        return phrasings.some(close) || prose.some((p) => closeParaphrase(asked, p, { byWords: false }))
          ? [q.text]
          : [];
      });
      expect(copies).toEqual([]);
    },
  );

  it('calls a reworded or lightly edited line a close paraphrase, and a shared error text or topic name not', () => {
    const w = words;
    expect(
      closeParaphrase(
        w('how often are backups replicated to the paired region'),
        w('how often are backups copied to the paired region'),
      ),
    ).toBe(true);
    expect(
      closeParaphrase(
        w('48 hours for items to appear in the secondary region, really?'),
        w('allow up to 48 hours for items to appear in the secondary region'),
      ),
    ).toBe(true);
    expect(
      closeParaphrase(
        w('"no pg_hba.conf entry for host" on the new server created from restore'),
        w('no pg_hba.conf entry for host on the restored server'),
      ),
    ).toBe(false);
    expect(
      closeParaphrase(
        w('what is a geo-redundant backup for azure database for postgresql'),
        w('which regions and tiers can have geo-redundant backup for azure database for postgresql'),
      ),
    ).toBe(false);
  });
});
