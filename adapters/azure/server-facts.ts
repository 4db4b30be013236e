import type { Server as SingleServer } from '@azure/arm-postgresql';
import type { Server as FlexibleServer } from '@azure/arm-postgresql-flexible';
import { parseServerResourceId, serverRef } from '../../bot/azure-rules/server-resource-id.js';
import type { NetworkFacts, ServerFacts } from '../../bot/ports/postgres-ops.js';

/** SDK resources → our facts. Field names follow the 2025-08-01 (Flexible) and 2017-12-01 (Single) APIs. */

function iso(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function geo(value: string | undefined): ServerFacts['geoRedundantBackup'] {
  if (value === 'Enabled' || value === 'Disabled') return value;
  return 'Unknown';
}

function refFrom(id: string | undefined, name: string | undefined, model: ServerFacts['ref']['model']) {
  const parsed = id ? parseServerResourceId(id) : undefined;
  if (parsed) return parsed;
  return serverRef(model, '', '', name ?? '');
}

/** The SDK's optional fields as they come (undefined when Azure left them out). */
type Loose<T> = { [K in keyof T]: T[K] | undefined };

/** Drops undefined members so that facts stay plain JSON. */
function compact<T extends object>(value: Loose<T>): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function flexibleServerFacts(server: FlexibleServer): ServerFacts {
  const delegatedSubnetId = server.network?.delegatedSubnetResourceId || undefined;
  const network = compact<NetworkFacts>({
    mode: delegatedSubnetId ? 'private' : 'public',
    publicNetworkAccess: server.network?.publicNetworkAccess,
    delegatedSubnetId,
    privateDnsZoneId: server.network?.privateDnsZoneArmResourceId || undefined,
  });
  const encryption = server.dataEncryption?.type;
  return compact<ServerFacts>({
    ref: refFrom(server.id, server.name, 'flexible-server'),
    region: (server.location ?? '').toLowerCase().replace(/\s+/g, ''),
    tier: server.sku?.tier,
    skuName: server.sku?.name,
    version: server.version,
    state: server.state,
    geoRedundantBackup: geo(server.backup?.geoRedundantBackup),
    earliestRestoreDate: iso(server.backup?.earliestRestoreDate),
    backupRetentionDays: server.backup?.backupRetentionDays,
    createdAt: iso(server.systemData?.createdAt),
    network,
    highAvailability: server.highAvailability?.mode,
    fullyQualifiedDomainName: server.fullyQualifiedDomainName,
    administratorLogin: server.administratorLogin,
    availabilityZone: server.availabilityZone || undefined,
    storageSizeGb: server.storage?.storageSizeGB,
    dataEncryption: encryption === 'AzureKeyVault' || encryption === 'SystemManaged' ? encryption : undefined,
  });
}

export function singleServerFacts(server: SingleServer): ServerFacts {
  const storageMb = server.storageProfile?.storageMB;
  return compact<ServerFacts>({
    ref: refFrom(server.id, server.name, 'single-server'),
    region: (server.location ?? '').toLowerCase().replace(/\s+/g, ''),
    tier: server.sku?.tier,
    skuName: server.sku?.name,
    version: server.version,
    state: server.userVisibleState,
    geoRedundantBackup: geo(server.storageProfile?.geoRedundantBackup),
    earliestRestoreDate: iso(server.earliestRestoreDate),
    backupRetentionDays: server.storageProfile?.backupRetentionDays,
    network: compact<NetworkFacts>({ mode: 'public', publicNetworkAccess: server.publicNetworkAccess }),
    fullyQualifiedDomainName: server.fullyQualifiedDomainName,
    administratorLogin: server.administratorLogin,
    storageSizeGb: storageMb === undefined ? undefined : Math.round(storageMb / 1024),
  });
}
