import { describe, expect, it } from 'vitest';
import { createContextReader, foldMessage, placedElsewhere } from '../../knowledge/contexts.js';
import { readMessage } from '../../knowledge/read-message.js';
import { realKnowledge } from '../support/shared-knowledge.js';

const reader = () => createContextReader(realKnowledge().products);
const contextOf = (text: string) => reader().read(foldMessage(text), readMessage(text));
const elsewhere = (text: string) => placedElsewhere(contextOf(text))?.id;

const filler = 'We have been looking at this for a while and tried the usual things from the docs. '.repeat(
  5,
);

describe('the context of a question', () => {
  it.each([
    [
      'docker postgres:16 container: FATAL: no pg_hba.conf entry for host "172.18.0.3"',
      'self-managed-postgres',
    ],
    ['pgbackrest restore --type=time from the repo in our second datacenter', 'self-managed-postgres'],
    ['cross region restore of our VMs from the recovery services vault', 'vm-backup'],
    ['is geo restore for Cosmos DB for PostgreSQL the same thing?', 'cosmos-db-postgresql'],
    ['az mysql flexible-server geo-restore fails in the paired region', 'mysql'],
    ['storage account with RA-GRS: how long does an account failover take', 'storage-account'],
    ['Backup for AKS: restore the cluster into the paired region', 'aks-backup'],
    ['rds snapshot copy to another region with terraform aws_db_instance', 'aws'],
    ['fly postgres volume restore in another region', 'fly-io'],
  ])('places %s elsewhere (%s)', (text, id) => {
    expect(elsewhere(text)).toBe(id);
  });

  it.each([
    'how do I geo-restore my azure database for postgresql flexible server',
    'migrate from aws rds to azure database for postgresql flexible server',
    'citus elastic cluster on azure postgres: is geo-redundant backup supported',
    'our AKS pods cannot reach the restored flexible server',
    'pg_dump from my laptop against the azure postgres server fails with a version error',
  ])('keeps %s in our context', (text) => {
    expect(elsewhere(text)).toBeUndefined();
  });

  it('does not count a name shared with another product ("MySQL flexible server") as ours', () => {
    const context = contextOf('mysql flexible server backup redundancy');
    expect(context.ours).toBe(0);
    expect(context.other?.product.id).toBe('mysql');
  });

  it('counts a Backup vault alone as weak evidence, so a firmly named other context wins', () => {
    expect(elsewhere('AKS cluster backup in our backup vault, restore to the paired region')).toBe(
      'aks-backup',
    );
    expect(
      elsewhere('restore to secondary region from our backup vault for the postgres flexible server'),
    ).toBe(undefined);
  });

  it('weighs where the evidence stands in a long post', () => {
    // Asked about another product in the title; ours only in a pasted log line.
    const askedElsewhere = `Recovery Services vault: cross region restore shows no items\n\n${filler}\n  2025-01-01 INFO connected to app.postgres.database.azure.com\nWhat are we missing?`;
    expect(elsewhere(askedElsewhere)).toBe('vm-backup');
    // Asked about ours in the title; the other product only in the story.
    const askedHere = `Geo-restore of our Azure Database for PostgreSQL flexible server\n\n${filler} Our VMs are backed up in a recovery services vault, that part works.\nHow do we restore the database in the paired region?`;
    expect(elsewhere(askedHere)).toBeUndefined();
  });
});
