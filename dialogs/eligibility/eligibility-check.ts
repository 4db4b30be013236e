import { pairedRegion } from '../../bot/azure-rules/region-pairs.js';
import { isBotError } from '../../bot/errors.js';
import type { Fact } from '../../bot/model.js';
import type {
  BackupPoint,
  PostgresOps,
  RegionCapabilities,
  ServerFacts,
} from '../../bot/ports/postgres-ops.js';
import { utc } from '../common/utc.js';

/** The facts of one server against the conditions of a Flexible Server geo-restore. */
export type Eligibility = {
  server: ServerFacts;
  eligible: boolean;
  facts: Fact[];
  pairedRegion?: string;
  latestBackup?: BackupPoint;
};

export const minimumAgeMs = 60 * 60 * 1000;

/** Reads that only enrich the answer: their failure becomes a warning, never the whole check's failure. */
async function optional<T>(read: () => Promise<T>): Promise<T | Error> {
  try {
    return await read();
  } catch (err) {
    if (isBotError(err) || err instanceof Error) return err;
    return new Error('unknown');
  }
}

export async function assessEligibility(
  ops: PostgresOps,
  server: ServerFacts,
  now: Date,
): Promise<Eligibility> {
  const paired = pairedRegion(server.region);
  const flexible = server.ref.model === 'flexible-server';
  const backup = await optional(() => ops.latestBackup(server.ref));
  const capsRegion = server.geoRedundantBackup === 'Enabled' ? paired : server.region;
  const caps =
    flexible && capsRegion
      ? await optional(() => ops.capabilities(capsRegion, server.ref.subscriptionId))
      : undefined;
  const facts: Fact[] = [
    { label: 'Readable', value: 'Yes: I could read its settings with Reader access.', status: 'pass' },
    modelFact(server),
    geoFact(server, paired, caps),
    ageFact(server, now),
    restorePointFact(server, backup instanceof Error ? undefined : backup),
    regionFact(server, paired),
    ...(flexible && server.geoRedundantBackup === 'Enabled' && paired
      ? [targetRegionFact(server, paired, caps)]
      : []),
    networkFact(server, paired),
    stateFact(server),
    ...(server.dataEncryption === 'AzureKeyVault' ? [encryptionFact(paired)] : []),
  ];
  return {
    server,
    eligible: flexible && !facts.some((f) => f.status === 'fail'),
    facts,
    ...(paired ? { pairedRegion: paired } : {}),
    ...(backup && !(backup instanceof Error) ? { latestBackup: backup } : {}),
  };
}

function modelFact(server: ServerFacts): Fact {
  return server.ref.model === 'flexible-server'
    ? { label: 'Deployment model', value: 'Flexible Server.', status: 'pass' }
    : {
        label: 'Deployment model',
        value:
          'Single Server, which Microsoft retired on 2025-03-28. I do not start a geo-restore of a Single Server; migrate it to Flexible Server instead.',
        status: 'fail',
      };
}

function geoFact(
  server: ServerFacts,
  paired: string | undefined,
  caps: RegionCapabilities | Error | undefined,
): Fact {
  const label = 'Geo-redundant backup';
  if (server.geoRedundantBackup === 'Enabled') {
    return {
      label,
      value: `Enabled: its backups are also kept in ${paired ?? 'another region'}.`,
      status: 'pass',
    };
  }
  if (server.geoRedundantBackup === 'Unknown') {
    return {
      label,
      value: 'Azure did not report it, so I cannot tell whether a geo-restore is possible.',
      status: 'warn',
    };
  }
  const noGeoHere = caps !== undefined && !(caps instanceof Error) && !caps.geoBackupSupported;
  const instead =
    server.ref.model !== 'flexible-server'
      ? 'What to do instead: migrate to Flexible Server and choose geo-redundant backup when you create the new server.'
      : noGeoHere
        ? `${server.region} does not offer geo-redundant backup at all, and a point-in-time restore stays in the same region, so that cannot help here. What to do instead: a read replica in another region (a geo-replica) gives you a copy elsewhere, or move the server to a region that offers geo-redundant backup.`
        : 'What to do instead: restore this server (point-in-time restore, in the same region) into a new server and choose geo-redundant backup when you create it; from then on the new server can be geo-restored.';
  return {
    label,
    value: `Disabled. It can only be chosen when a server is created and cannot be switched on later. ${instead}`,
    status: 'fail',
  };
}

function ageFact(server: ServerFacts, now: Date): Fact {
  const label = 'Server age';
  if (!server.createdAt) {
    return {
      label,
      value:
        server.ref.model === 'single-server'
          ? 'Single Server does not report when it was created.'
          : 'Azure did not report when it was created; a geo-backup exists only once the server is about an hour old.',
      status: server.ref.model === 'single-server' ? 'info' : 'warn',
    };
  }
  const created = new Date(server.createdAt);
  const oldEnough = now.getTime() - created.getTime() >= minimumAgeMs;
  return oldEnough
    ? { label, value: `Created ${utc(created)}, more than one hour ago.`, status: 'pass' }
    : {
        label,
        value: `Created ${utc(created)}, less than one hour ago: its first geo-backup may not exist yet. Try again after ${utc(new Date(created.getTime() + minimumAgeMs))}.`,
        status: 'fail',
      };
}

function restorePointFact(server: ServerFacts, backup: BackupPoint | undefined): Fact {
  const parts = [
    server.earliestRestoreDate
      ? `A point-in-time restore in the same region reaches back to ${utc(server.earliestRestoreDate)}.`
      : '',
    server.backupRetentionDays !== undefined ? `Backups are kept ${server.backupRetentionDays} days.` : '',
    backup
      ? `${backup.kind === 'geo-backup' ? 'Latest geo-backup' : 'Latest backup'} completed ${utc(backup.at)}.`
      : '',
    server.ref.model === 'flexible-server'
      ? 'A geo-restore uses the latest geo-backup, which is usually less than one hour old.'
      : '',
  ].filter((p) => p !== '');
  return {
    label: 'Restore points',
    value: parts.length > 0 ? parts.join(' ') : 'Azure did not report any restore point.',
    status: server.earliestRestoreDate ? 'info' : 'warn',
  };
}

function regionFact(server: ServerFacts, paired: string | undefined): Fact {
  return paired
    ? {
        label: 'Region',
        value: `${server.region}; its paired region is ${paired}, where a geo-restore creates the new server.`,
        status: 'pass',
      }
    : {
        label: 'Region',
        value: `${server.region} has no paired region in my table, so I cannot tell where a geo-restore would go. Ask a person.`,
        status: 'fail',
      };
}

function targetRegionFact(
  server: ServerFacts,
  paired: string,
  caps: RegionCapabilities | Error | undefined,
): Fact {
  const label = `Flexible Server in ${paired}`;
  if (!caps || caps instanceof Error) {
    return {
      label,
      value: `I could not read the capabilities of ${paired}; the restore may still work.`,
      status: 'warn',
    };
  }
  const major = server.version?.split('.')[0];
  if (major && caps.supportedVersions.length > 0 && !caps.supportedVersions.includes(major)) {
    return { label, value: `${paired} does not list PostgreSQL ${major} as supported.`, status: 'warn' };
  }
  return { label, value: `Available${major ? `, PostgreSQL ${major} supported` : ''}.`, status: 'pass' };
}

function networkFact(server: ServerFacts, paired: string | undefined): Fact {
  if (server.network.mode === 'public') {
    return {
      label: 'Network',
      value:
        'Public access: the new server gets public access too, but not the firewall rules: add them again after the restore.',
      status: 'pass',
    };
  }
  return {
    label: 'Network',
    value: `Private access (VNet integration): the new server needs a delegated subnet in ${paired ?? 'the paired region'} (and a private DNS zone). I will ask for the subnet.`,
    status: 'warn',
  };
}

function stateFact(server: ServerFacts): Fact {
  return server.state === 'Ready'
    ? { label: 'State', value: 'Ready.', status: 'pass' }
    : {
        label: 'State',
        value: `${server.state ?? 'Unknown'}: I start a geo-restore only from a server that is Ready.`,
        status: 'fail',
      };
}

function encryptionFact(paired: string | undefined): Fact {
  return {
    label: 'Data encryption',
    value: `Customer-managed key: a geo-restore needs an identity and a key in ${paired ?? 'the paired region'}, which I cannot set up from chat. Use the portal or the Azure CLI.`,
    status: 'fail',
  };
}
