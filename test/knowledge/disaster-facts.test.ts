import { describe, expect, it } from 'vitest';
import { checkLinks } from '../../knowledge/check-links.js';
import type { Entry } from '../../knowledge/entry-schema.js';
import { knowledgeLinks } from '../../knowledge/knowledge-links.js';
import { readLinkRules } from '../../knowledge/link-rules.js';
import { defaultKnowledgeDir, KnowledgeErrors } from '../../knowledge/load-knowledge.js';
import { realKnowledge } from '../support/shared-knowledge.js';

/** The facts a user acts on in the middle of a regional disaster, as the knowledge base states them. */
const entry = (id: string): Entry => {
  const e = realKnowledge().entries.get(id);
  if (!e) throw new Error(`no entry ${id}`);
  return e;
};
const sentences = (text: string) => text.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim() !== '');

describe('facts that matter in a disaster', () => {
  it('firewall after restore: the rules must be added again; no sentence says a restore copies them', () => {
    const { short, answer } = entry('firewall-after-restore');
    expect(short).toMatch(/does not copy firewall rules/);
    expect(answer).toMatch(
      /does not copy the source's server-level firewall rules, private endpoints or virtual network rules/,
    );
    expect(answer).toMatch(/You must add them to the new server after the restore/);
    for (const s of sentences(`${short}\n${answer}`)) {
      if (/firewall|rules/i.test(s) && /\b(cop(y|ies|ied)|carr(y|ies|ied) over|inherit\w*|kept)\b/i.test(s)) {
        expect(s, 'a sentence about copying rules must deny it').toMatch(/\b(not|neither|nor|without)\b/);
      }
    }
  });

  it('Cross Region Restore of a Flexible Server gives files in a storage account, loaded with native tools', () => {
    const { short, answer } = entry('crr-restore');
    expect(short).toMatch(/writes the vaulted backup as files into a storage account container/);
    expect(answer).toMatch(/What you get \(Flexible Server\): not a new server/);
    expect(answer).toMatch(/pg_restore or psql/);
    expect(answer).toMatch(/cannot be combined with a restore into another subscription/);
    expect(answer).toMatch(/at least one full backup must have run/);
    expect(`${short}\n${answer}`).not.toMatch(/filter to Azure Database for PostgreSQL servers/i);
  });

  it('how to geo-restore: during a regional outage the new server cannot have geo-redundant backup', () => {
    const { answer } = entry('how-to-geo-restore');
    expect(answer).toMatch(
      /while the source's region is unavailable, new servers in its paired region cannot be created with geo-redundant backup/,
    );
    expect(answer).toMatch(/--geo-redundant-backup Disabled/);
    expect(answer).toMatch(/firewall rules, private endpoints and virtual network rules/);
  });

  it('the primary RPO of Cross Region Restore follows the vault policy, not a fixed day', () => {
    const { short, answer } = entry('crr-rpo');
    expect(answer).toMatch(/weekly schedule/);
    expect(`${short}\n${answer}`).not.toMatch(/RPO is 24 hours/);
  });

  it('point in time of a geo-restore: both readings of the documentation are given, neither is picked', () => {
    const { answer } = entry('geo-pitr');
    expect(answer).toMatch(/Microsoft's documentation contradicts itself/);
    expect(answer).toMatch(/point-in-time restore of geo-redundant backups is not available/);
    expect(answer).toMatch(/offering a custom time besides the latest one/);
    expect(answer).toMatch(/--restore-time/);
  });

  it("every answer's links pass the link check", () => {
    const errors = new KnowledgeErrors();
    const rules = readLinkRules(defaultKnowledgeDir, errors);
    checkLinks(knowledgeLinks(realKnowledge()), rules, errors);
    expect(errors.problems).toEqual([]);
    expect(rules.moved.length).toBeGreaterThan(20);
  });

  it('every geo-restore how-to link is the paired-region page, never a moved restore page', () => {
    const urls = ['how-to-geo-restore', 'start-restore', 'firewall-after-restore'].flatMap((id) =>
      entry(id).sources.map((s) => s.url),
    );
    expect(urls).toContain(
      'https://learn.microsoft.com/azure/postgresql/backup-restore/how-to-restore-paired-region',
    );
    expect(urls.filter((u) => /how-to-restore-server/.test(u))).toEqual([]);
  });
});
