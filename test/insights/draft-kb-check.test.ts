import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { draftFromCluster, TODO, todoUrl } from '../../insights/report/entry-draft.js';
import { checkKnowledge } from '../../knowledge/check-knowledge.js';
import { defaultKnowledgeDir } from '../../knowledge/load-knowledge.js';
import { realMatcher } from '../support/shared-knowledge.js';

/** A draft from the insights page goes into a pull request: `npm run kb:check` must refuse it unfinished and accept it finished. */

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function draft(): string {
  const matcher = realMatcher();
  const text = 'does pgbouncer keep working on the server after a geo-restore';
  return draftFromCluster(
    {
      id: 'g1',
      label: 'pgbouncer · restore',
      count: 1,
      people: 1,
      typical: [text],
      questions: [
        {
          id: 'q1',
          at: '2026-12-01T10:00:00.000Z',
          channel: 'slack',
          who: 'p1',
          outcome: 'nomatch',
          text,
          considered: [],
        },
      ],
      nearest: [{ id: 'connect-after-restore', title: 'Connecting after a restore', score: 0.2 }],
    },
    {
      taken: (id) => matcher.entry(id) !== undefined,
      isFaq: (id) => matcher.entry(id)?.kind === 'faq',
      today: '2026-12-08',
    },
  );
}

/** What a writer does with the draft: every TODO written, the placeholder source replaced. */
function completed(yaml: string): Record<string, unknown> {
  const url = 'https://learn.microsoft.com/azure/postgresql/connectivity/concepts-pgbouncer';
  let padding = 0;
  const phrasings = [
    'is the built-in connection pooler on after restoring to the paired region',
    'pooler settings on a geo-restored flexible server',
    'do I need to enable pgbouncer again on the new server',
    'connection pooling after a geo restore',
    'port 6432 not answering on the restored server',
    'pgbouncer.enabled parameter after restore',
    'restored server and its pgbouncer configuration',
  ];
  const write = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (value === todoUrl) return url;
      if (value.startsWith(TODO)) return phrasings[padding++] ?? `written text number ${padding}`;
      return value;
    }
    if (Array.isArray(value)) return value.map(write);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, write(v)]));
    return value;
  };
  return write(parse(yaml)) as Record<string, unknown>;
}

function kbWith(entry: { id: string }, yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'grb-draft-'));
  dirs.push(dir);
  cpSync(defaultKnowledgeDir, dir, { recursive: true });
  writeFileSync(join(dir, 'entries', `${entry.id}.yaml`), yaml);
  return dir;
}

describe('a draft entry and npm run kb:check', () => {
  it('refuses the draft as downloaded: its placeholder source is not a page', () => {
    const yaml = draft();
    const entry = parse(yaml) as { id: string };
    const problems = checkKnowledge(kbWith(entry, yaml), '2026-12-08').problems;
    expect(problems.filter((p) => p.startsWith(`${entry.id}.yaml`)).join('\n')).toMatch(/todo\.invalid/);
  });

  it('accepts it once every TODO is written', () => {
    const entry = completed(draft()) as { id: string };
    const yaml = stringify(entry);
    expect(yaml).not.toContain(TODO);
    expect(checkKnowledge(kbWith(entry, yaml), '2026-12-08').problems).toEqual([]);
  });
});
