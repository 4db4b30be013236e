import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { isBotError } from '../../bot/errors.js';
import { defaultKnowledgeDir, loadKnowledge } from '../../knowledge/load-knowledge.js';
import { copyOfKnowledge, removeKnowledgeCopies } from '../support/knowledge-copy.js';

afterEach(removeKnowledgeCopies);

const entry = (overrides: Record<string, unknown>) => ({
  id: 'sample-topic',
  kind: 'faq',
  title: 'A sample',
  short: 'Short.',
  answer: 'Long answer.',
  appliesTo: ['flexible-server'],
  reviewed: '2026-12-07',
  sources: [{ title: 'Docs', url: 'https://learn.microsoft.com/azure/postgresql/' }],
  examples: Array.from({ length: 8 }, (_, i) => `sample question ${i}`),
  followUps: [],
  ...overrides,
});

function problems(dir: string): string[] {
  try {
    loadKnowledge(dir);
  } catch (err) {
    expect(isBotError(err, 'knowledge.invalid')).toBe(true);
    return (err as Error).message.split('\n').slice(1);
  }
  throw new Error('expected the knowledge base to be refused');
}

describe('knowledge loader', () => {
  it('loads the real knowledge base: every in-scope topic, with neighbours and other products', () => {
    const kb = loadKnowledge(defaultKnowledgeDir);
    expect(kb.entries.size).toBe(21);
    expect(
      [...kb.entries.values()]
        .filter((e) => e.kind === 'intent')
        .map((e) => e.id)
        .sort(),
    ).toEqual(['check-eligibility', 'human', 'start-restore']);
    expect(kb.neighbours.length).toBeGreaterThan(10);
    expect(kb.products.map((p) => p.id)).toContain('mysql');
  });

  it('names the file and field of every problem at once', () => {
    const dir = copyOfKnowledge();
    writeFileSync(
      join(dir, 'entries', 'sample-topic.yaml'),
      stringify(entry({ examples: ['too few'], appliesTo: ['sql-server'] })),
    );
    writeFileSync(join(dir, 'entries', 'wrong-name.yaml'), stringify(entry({ id: 'other-id' })));
    writeFileSync(
      join(dir, 'entries', 'insecure.yaml'),
      stringify(entry({ id: 'insecure', sources: [{ title: 'x', url: 'http://example.com' }] })),
    );
    const found = problems(dir);
    expect(found).toContainEqual(expect.stringMatching(/^sample-topic\.yaml: examples: /));
    expect(found).toContainEqual(expect.stringMatching(/^sample-topic\.yaml: appliesTo\.0: /));
    expect(found).toContainEqual(expect.stringMatching(/^wrong-name\.yaml: id: must equal the file name/));
    expect(found).toContainEqual(expect.stringMatching(/^insecure\.yaml: sources\.0\.url: /));
  });

  it('refuses a review date that is no date, and a basis that cites a page the entry does not list', () => {
    const dir = copyOfKnowledge();
    writeFileSync(
      join(dir, 'entries', 'sample-topic.yaml'),
      stringify(
        entry({
          reviewed: '2026-02-30',
          basis: [{ fact: 'A fact.', source: 'https://learn.microsoft.com/azure/backup/' }],
        }),
      ),
    );
    writeFileSync(
      join(dir, 'entries', 'undated.yaml'),
      stringify(entry({ id: 'undated', reviewed: 'last week' })),
    );
    const found = problems(dir);
    expect(found).toContainEqual('sample-topic.yaml: reviewed: not a calendar date');
    expect(found).toContainEqual('undated.yaml: reviewed: a date written as YYYY-MM-DD');
    writeFileSync(
      join(dir, 'entries', 'sample-topic.yaml'),
      stringify(entry({ basis: [{ fact: 'A fact.', source: 'https://learn.microsoft.com/azure/backup/' }] })),
    );
    rmSync(join(dir, 'entries', 'undated.yaml'));
    expect(problems(dir)).toEqual([
      'sample-topic.yaml: basis.0.source: is not the url of one of the sources',
    ]);
  });

  it('reads an unquoted YAML date as the review date', () => {
    const dir = copyOfKnowledge();
    const yaml = stringify(entry({})).replace("reviewed: '2026-12-07'", 'reviewed: 2026-12-07');
    expect(yaml).toContain('reviewed: 2026-12-07\n');
    writeFileSync(join(dir, 'entries', 'sample-topic.yaml'), yaml);
    expect(loadKnowledge(dir).entries.get('sample-topic')?.reviewed).toBe('2026-12-07');
  });

  it('refuses a follow-up that points at no entry', () => {
    const dir = copyOfKnowledge();
    writeFileSync(join(dir, 'entries', 'sample-topic.yaml'), stringify(entry({ followUps: ['nowhere'] })));
    expect(problems(dir)).toEqual(['sample-topic.yaml: followUps.0: no entry has the id "nowhere"']);
  });

  it('refuses a file that is not YAML, and an unknown field', () => {
    const dir = copyOfKnowledge();
    writeFileSync(join(dir, 'entries', 'broken.yaml'), 'id: [unclosed\n');
    writeFileSync(join(dir, 'entries', 'sample-topic.yaml'), stringify(entry({ colour: 'blue' })));
    const found = problems(dir);
    expect(found).toContainEqual(expect.stringMatching(/^broken\.yaml: \(file\): not valid YAML/));
    expect(found).toContainEqual(expect.stringMatching(/^sample-topic\.yaml: colour: unknown field$/));
  });

  it('refuses a neighbour that reuses an entry id, and a missing neighbours file', () => {
    const dir = copyOfKnowledge();
    writeFileSync(
      join(dir, 'neighbours.yaml'),
      stringify([{ id: 'rpo-rto', title: 'x', examples: ['a', 'b', 'c'] }]),
    );
    const ofNeighbours = () => problems(dir).filter((p) => p.startsWith('neighbours.yaml'));
    expect(ofNeighbours()).toEqual(['neighbours.yaml: 0.id: "rpo-rto" is also an entry id']);
    writeFileSync(
      join(dir, 'neighbours.yaml'),
      stringify([
        { id: 'twice', title: 'x', examples: ['a', 'b', 'c'] },
        { id: 'twice', title: 'y', examples: ['d', 'e', 'f'] },
      ]),
    );
    expect(ofNeighbours()).toEqual(['neighbours.yaml: 1.id: "twice" is used twice in this file']);
    rmSync(join(dir, 'neighbours.yaml'));
    expect(ofNeighbours()).toEqual(['neighbours.yaml: (file): file is missing']);
  });

  it('loads the signatures and contexts, and refuses a signature for no topic or a pattern that does not compile', () => {
    const kb = loadKnowledge(defaultKnowledgeDir);
    expect(kb.signatures.map((s) => s.topic)).toContain('how-to-geo-restore');
    expect(kb.products.map((p) => p.id)).toContain('self-managed-postgres');
    const dir = copyOfKnowledge();
    writeFileSync(
      join(dir, 'signatures.yaml'),
      stringify([
        { what: 'x', pattern: 'fine', topic: 'nowhere' },
        { what: 'y', pattern: '(unclosed', topic: 'rpo-rto' },
      ]),
    );
    writeFileSync(
      join(dir, 'other-products.yaml'),
      stringify([{ id: 'broken', title: 'Broken', names: ['x1'], signs: ['[a-'] }]),
    );
    expect(problems(dir)).toEqual([
      'other-products.yaml: 0.signs.0: not a valid regular expression',
      'signatures.yaml: 0.topic: no entry or neighbouring topic has the id "nowhere"',
      'signatures.yaml: 1.pattern: not a valid regular expression',
    ]);
  });
});
