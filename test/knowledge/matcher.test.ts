import { describe, expect, it } from 'vitest';
import { evaluate } from '../../knowledge/evaluate.js';
import { TextFeatures } from '../../knowledge/text-features.js';
import { readDevSet } from '../support/dev-set.js';
import { realMatcher } from '../support/shared-knowledge.js';

describe('matcher', () => {
  it('stays above the accuracy floor on the development set', () => {
    const matcher = realMatcher();
    const report = evaluate(readDevSet(), (text) => matcher.match(text));
    // 0.952 measured on 2026-11-23 (logistic regression + naive Bayes + nearest phrasing, IDF^0.5 features).
    expect(report.inScope.top1).toBeGreaterThanOrEqual(0.94);
    expect(report.inScope.top3).toBeGreaterThanOrEqual(0.97);
    expect(report.outOfScope.rejected).toBeGreaterThanOrEqual(0.9);
    expect(report.falseRejections).toBeLessThanOrEqual(0.05);
  });

  it.each([
    'how do I geo-restore an Azure SQL database to another region',
    'does azure database for mysql keep geo-redundant backups',
    'restore my Cosmos DB for PostgreSQL cluster in the paired region',
    'cross region restore of an azure VM from a recovery services vault',
  ])('says "not covered" for another product: %s', (text) => {
    const result = realMatcher().match(text);
    expect(result.outcome).toBe('nomatch');
    expect(result.notCovered?.title).toBeTruthy();
  });

  it.each([
    'how do I change the backup retention to 14 days',
    'tell me a joke about databases',
    'how much does a flexible server cost per month',
    'how long are geo backups kept',
  ])('does not answer a neighbouring topic it does not cover: %s', (text) => {
    expect(realMatcher().match(text).outcome).toBe('nomatch');
  });

  it.each(['how do I cook pasta', 'how do I bake sourdough bread'])(
    'does not read an everyday word as a misspelt domain word: %s',
    (text) => {
      expect(realMatcher().match(text).outcome).toBe('nomatch');
    },
  );

  it('reads "restore from the geo backup" as how to geo-restore, not as what geo-redundant backup is', () => {
    const result = realMatcher().match('how do I restore from geo backup');
    expect(result).toMatchObject({ outcome: 'answer', intent: 'how-to-geo-restore' });
  });

  it('answers pg_dump as an alternative to geo-restore with the pg_dump entry', () => {
    const result = realMatcher().match('can I use pg_dump instead of geo restore');
    expect(result).toMatchObject({ outcome: 'answer', intent: 'export-pg-dump' });
  });

  it('still corrects short words that lost a letter', () => {
    const result = realMatcher().match('can I restor my pg servr in another regon');
    expect(result).toMatchObject({ outcome: 'answer', intent: 'how-to-geo-restore' });
  });

  it('treats spelling variants and abbreviations of domain words alike', () => {
    const m = realMatcher();
    const a = m.match('what is the RPO of a geo restore');
    expect(a.intent).toBe('rpo-rto');
    expect(m.match('wat is the recovery point objective of a georestore').intent).toBe('rpo-rto');
    expect(m.match('what is the rpo of a geo-restor').intent).toBe('rpo-rto');
  });

  it('reads text as typed: what only looks like markup is words, and the question still matches', () => {
    const m = realMatcher();
    const plain = m.match('what is cross region restore');
    const marked = m.match('@Alice what is <cross region restore>?');
    expect(marked.intent).toBe(plain.intent);
  });

  it('reads angle brackets as the text they are: nothing shaped like markup is removed', () => {
    const m = realMatcher();
    // Single Server's error names the expected form in brackets; removing "<username@hostname>" as a
    // tag would lose the evidence.
    const result = m.match(
      'after the restore: FATAL: Invalid Username specified. The Username should be in <username@hostname> format',
    );
    expect(result.intent).toBe('connect-after-restore');
    expect(m.match('geo restore to <timestamp> yesterday').intent).toBe(
      m.match('geo restore to timestamp yesterday').intent,
    );
    expect(m.match('is a < b > c').outcome).toBe('nomatch');
  });

  it('gives a confidence between 0 and 1 and ranks candidates best first', () => {
    const result = realMatcher().match('how often are backups copied to the other region');
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
    const scores = result.candidates.map((c) => c.confidence);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('weighs words every topic uses less than words that tell topics apart', () => {
    const features = new TextFeatures([
      'restore the server',
      'restore the server firewall',
      'restore server',
    ]);
    const weights = features.features('restore firewall');
    expect(weights.get('firewal') ?? 0).toBeGreaterThan(weights.get('restor') ?? 0);
  });

  it('does not take a pronoun for the topic: small talk stays small talk', () => {
    expect(realMatcher().match('tell me a joke about databases').outcome).toBe('nomatch');
  });

  it('finds nothing in text it has no words for', () => {
    expect(realMatcher().match('🙂🔥 ¿¿ ###').outcome).toBe('nomatch');
  });
});
