import { describe, expect, it } from 'vitest';
import { foldText } from '../../knowledge/clean-text.js';
import { applyDomainTerms, domainTerms } from '../../knowledge/domain-terms.js';
import { editDistance, stem } from '../../knowledge/natural-parts.js';
import { fold } from '../../knowledge/prepare-text.js';
import { NameScanner, SignScanner } from '../../knowledge/sign-scanner.js';
import { TextFeatures } from '../../knowledge/text-features.js';
import { realKnowledge } from '../support/shared-knowledge.js';

/** Every text of the knowledge base: phrasings, titles and answers. */
const knowledgeTexts = () => {
  const kb = realKnowledge();
  return [
    ...[...kb.entries.values()].flatMap((e) => [e.title, e.short, e.answer, ...e.examples]),
    ...kb.neighbours.flatMap((n) => [n.title, ...n.examples]),
  ];
};

describe('the fast paths of reading a long message give what the plain ones give', () => {
  it('skips a synonym only when its text is absent, so the table reads every text as it did', () => {
    const plain = (text: string) =>
      domainTerms.reduce((out, [pattern, to]) => out.replace(pattern, to), text);
    const texts = [
      ...knowledgeTexts(),
      "can't dbs db's pg-orders pg_hba.conf geo restore",
      'directory format dump',
    ];
    for (const text of texts.map((t) => t.toLowerCase())) expect(applyDomainTerms(text)).toBe(plain(text));
  });

  it('folds plain ASCII without unicode work, and anything else as foldText does', () => {
    for (const text of [
      'Plain ASCII\twith\r\nbreaks',
      'naïve “quotes” – dash',
      'x\u0001y\u200bz',
      ...knowledgeTexts(),
    ])
      expect(fold(text)).toBe(foldText(text));
  });
});

describe('scanning for many signs at once', () => {
  it('traces each match back to its sign, with groups inside a sign and escaped brackets kept', () => {
    const scanner = new SignScanner([
      { source: '\\baz (mysql|sql)\\b', weight: 1, owner: 0 },
      { source: 'hyperscale \\(citus\\)', weight: 0.5, owner: 1 },
      { source: '\\bbackup vaults?\\b', weight: 1, owner: 2 },
    ]);
    const hits = scanner.scan('az sql db restore; hyperscale (citus) cluster; two backup vaults');
    expect(hits.map((h) => [h.sign, h.owner, h.weight])).toEqual([
      [0, 0, 1],
      [1, 1, 0.5],
      [2, 2, 1],
    ]);
    expect(hits[1]).toMatchObject({ from: 19, to: 37 });
  });

  it('finds names as whole words only, joined by space, hyphen or underscore', () => {
    const names = new NameScanner(
      [
        { name: 'cloud sql', owner: 0 },
        { name: 'rds', owner: 1 },
      ],
      10,
    );
    const found = names.scan('cloud-sql and cloud_sql, not words or rds.amazonaws.com, but rds');
    expect(found.map((h) => [h.sign, h.owner])).toEqual([
      [10, 0],
      [10, 0],
      [11, 1],
    ]);
  });
});

describe('spelling candidates from the deletion index', () => {
  it('correct what the full scan of the vocabulary corrected, to the same word', () => {
    const features = new TextFeatures(knowledgeTexts());
    const vocabulary = (features as unknown as { vocabulary: Map<string, number> }).vocabulary;
    /** The correction as it was: every word of the vocabulary compared. */
    const fullScan = (token: string) => {
      if (vocabulary.has(token) || token.length < 5 || /\d/.test(token)) return token;
      const limit = token.length >= 8 ? 2 : 1;
      let best = token;
      let bestDistance = limit + 1;
      let bestCount = 0;
      for (const [word, count] of vocabulary) {
        if (Math.abs(word.length - token.length) > limit || word.length < 4) continue;
        if (word.length < token.length && token.length < 7) continue;
        const d = editDistance(token, word);
        if (d > limit) continue;
        if (d < bestDistance || (d === bestDistance && count > bestCount)) {
          best = word;
          bestDistance = d;
          bestCount = count;
        }
      }
      return best;
    };
    const words = [...vocabulary.keys()].filter((w) => w.length >= 4).slice(0, 300);
    const tokens = words.flatMap((w, i) => {
      const at = i % w.length;
      return [
        w.slice(0, at) + w.slice(at + 1), // a letter dropped
        `${w.slice(0, at)}x${w.slice(at)}`, // one added
        `${w.slice(0, at)}q${w.slice(at + 1)}`, // one changed
        `${w.slice(0, at)}${w[at + 1] ?? ''}${w[at] ?? ''}${w.slice(at + 2)}`, // neighbours swapped
        `${w}zz`,
      ];
    });
    tokens.push('pasta', 'bread', 'sourdough', 'kubernetes', 'qqqqqqqq');
    const differing = tokens.filter((t) => features.correct(t) !== fullScan(t));
    expect(differing).toEqual([]);
  });
});

describe('skimming the story of a long post', () => {
  it('keeps every word whose stem the knowledge base knows, without stemming the rest', () => {
    const features = new TextFeatures(knowledgeTexts()) as unknown as {
      vocabulary: Map<string, number>;
      idf: Map<string, number>;
      knownStem(word: string): boolean;
    };
    const suffixes = [
      's',
      'es',
      'ed',
      'ing',
      'ion',
      'ions',
      'ation',
      'ness',
      'ly',
      'ies',
      'ied',
      'er',
      'ers',
    ];
    const words = [...features.vocabulary.keys()].filter((w) => /^[a-z]+$/.test(w));
    const variants = words.flatMap((w) => [w, ...suffixes.map((s) => w + s), w.slice(0, -1) + suffixes[9]]);
    const missed = variants.filter((w) => features.idf.has(stem(w)) && !features.knownStem(w));
    expect(missed).toEqual([]);
  });
});
