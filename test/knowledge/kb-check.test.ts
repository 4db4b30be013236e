import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkKnowledge } from '../../knowledge/check-knowledge.js';
import { staleFrom } from '../../knowledge/check-reviewed.js';
import { defaultKnowledgeDir } from '../../knowledge/load-knowledge.js';
import { copyOfKnowledge, removeKnowledgeCopies } from '../support/knowledge-copy.js';
import { realKnowledge } from '../support/shared-knowledge.js';

afterEach(removeKnowledgeCopies);

/** Replaces one exact piece of a file of the copy, failing if it is not there once. */
function edit(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  expect(text.split(from).length - 1, `${from} in ${file}`).toBe(1);
  writeFileSync(path, text.replace(from, to));
}

/** "today" for the repository's own check: the newest review date in it, so the clock plays no part. */
const newestReview = () =>
  [...realKnowledge().entries.values()].map((e) => e.reviewed).reduce((a, b) => (a > b ? a : b));

const geoPage = 'https://learn.microsoft.com/azure/postgresql/backup-restore/how-to-restore-paired-region';

describe('npm run kb:check', () => {
  it('finds no problem in the repository, with every check having something to check', () => {
    const result = checkKnowledge(defaultKnowledgeDir, newestReview());
    expect(result.problems).toEqual([]);
    expect(result.entries).toBe(21);
    expect(result.seeds).toEqual(['000_634262abe496db57.txt', '003_89151dfc477d7480.txt']);
    expect(result.links.length).toBeGreaterThan(60);
  });

  it('names the file and field of a link to a moved path, with where the redirects end', () => {
    const dir = copyOfKnowledge();
    edit(
      dir,
      'entries/firewall-after-restore.yaml',
      `  - title: Restore to paired region (geo-restore)\n    url: ${geoPage}`,
      '  - title: Restore a flexible server\n    url: https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/how-to-restore-server-portal/',
    );
    const { problems } = checkKnowledge(dir, '2026-12-07');
    expect(problems).toContainEqual(
      'firewall-after-restore.yaml: sources.1.url: /azure/postgresql/flexible-server/how-to-restore-server-portal has moved ' +
        '(→ /azure/postgresql/flexible-server/how-to-restore-server → /azure/postgresql/flexible-server/how-to-restore-latest-restore-point ' +
        '→ /azure/postgresql/backup-restore/how-to-restore-latest-restore-point); ' +
        'link https://learn.microsoft.com/azure/postgresql/backup-restore/how-to-restore-latest-restore-point if that page says what the answer needs',
    );
    // The basis that cited the geo-restore page now cites a page the entry no longer lists.
    expect(problems).toContainEqual(
      'firewall-after-restore.yaml: basis.1.source: is not the url of one of the sources',
    );
  });

  it('refuses a link that is not https or not on an allowed host', () => {
    const dir = copyOfKnowledge();
    edit(
      dir,
      'neighbours.yaml',
      'url: https://www.postgresql.org/docs/current/\n',
      'url: https://docs.example.com/postgres/\n',
    );
    edit(
      dir,
      'other-products.yaml',
      'url: https://learn.microsoft.com/azure/synapse-analytics/sql-data-warehouse/backup-and-restore',
      'url: http://learn.microsoft.com/azure/synapse-analytics/sql-data-warehouse/backup-and-restore',
    );
    const { problems } = checkKnowledge(dir, '2026-12-07');
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^neighbours\.yaml: \d+\.pointer\.url: docs\.example\.com is not an allowed host/,
      ),
    );
    expect(problems).toContainEqual(expect.stringMatching(/^other-products\.yaml: \d+\.pointer\.url: /));
  });

  it('names a follow-up that points at no entry', () => {
    const dir = copyOfKnowledge();
    edit(
      dir,
      'entries/geo-pitr.yaml',
      'followUps: [how-to-geo-restore,',
      'followUps: [how-to-geo-restore-now,',
    );
    expect(checkKnowledge(dir, '2026-12-07').problems).toEqual([
      'geo-pitr.yaml: followUps.0: no entry has the id "how-to-geo-restore-now"',
    ]);
  });

  it('names a sentence copied from a seed, whatever its case and punctuation', () => {
    const dir = copyOfKnowledge();
    edit(
      dir,
      'entries/configure-after-create.yaml',
      '  The workaround is to make a new server',
      '  GEO-RESTORE backups can only be configured, at the time an Azure Database for PostgreSQL server is created!\n\n' +
        '  The workaround is to make a new server',
    );
    const { problems } = checkKnowledge(dir, '2026-12-07');
    expect(problems).toEqual([
      expect.stringMatching(
        /^configure-after-create\.yaml: answer: \d+ words in a row copied from the seed 000_634262abe496db57\.txt \("geo restore backups can only be configured at the time/,
      ),
    ]);
  });

  it('lists an entry reviewed more than twelve months before today as stale, and one dated after today', () => {
    const dir = copyOfKnowledge();
    edit(dir, 'entries/rpo-rto.yaml', 'reviewed: 2026-12-07', 'reviewed: 2025-12-06');
    edit(dir, 'entries/tier-support.yaml', 'reviewed: 2026-12-07', 'reviewed: 2025-12-08');
    edit(dir, 'entries/crr-rpo.yaml', 'reviewed: 2026-12-07', 'reviewed: 2026-12-24');
    const { problems } = checkKnowledge(dir, '2026-12-07');
    expect(problems).toEqual([
      'crr-rpo.yaml: reviewed: 2026-12-24 is after today (2026-12-07)',
      expect.stringMatching(
        /^rpo-rto\.yaml: reviewed: stale: last reviewed 2025-12-06, more than twelve months before 2026-12-07/,
      ),
    ]);
  });

  it('counts twelve calendar months', () => {
    expect(staleFrom('2025-12-07')).toBe('2026-12-07');
    expect(staleFrom('2024-02-29')).toBe('2025-03-01');
  });

  it('refuses a link rule file whose moves run in a circle', () => {
    const dir = copyOfKnowledge();
    edit(
      dir,
      'link-rules.yaml',
      'moved:\n',
      'moved:\n  - path: /azure/a\n    to: /azure/b\n    source: test\n  - path: /azure/b\n    to: /azure/a\n    source: test\n',
    );
    expect(checkKnowledge(dir, '2026-12-07').problems).toEqual([
      'link-rules.yaml: moved.0.to: the moves starting here run in a circle',
      'link-rules.yaml: moved.1.to: the moves starting here run in a circle',
    ]);
  });

  it('runs as a command: each problem on a line, exit 1; exit 0 on the repository', () => {
    const dir = copyOfKnowledge();
    edit(dir, 'entries/rpo-rto.yaml', 'reviewed: 2026-12-07', 'reviewed: 2024-01-01');
    const run = (...args: string[]) =>
      spawnSync('npx', ['tsx', 'knowledge/kb-check-main.ts', ...args], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
    const broken = run('--dir', dir, '--today', '2026-12-07');
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/^rpo-rto\.yaml: reviewed: stale: last reviewed 2024-01-01/m);
    expect(broken.stdout).toMatch(/reviewed against 2026-12-07: 1 problem\(s\)$/m);
    const clean = run('--today', newestReview());
    expect(clean.status).toBe(0);
    expect(clean.stdout).toMatch(/: no problem$/m);
  }, 60_000);

  it('refuses a "today" that is not a date', () => {
    expect(() => checkKnowledge(defaultKnowledgeDir, 'yesterday')).toThrow(
      'today must be a date written as YYYY-MM-DD: yesterday',
    );
  });
});
