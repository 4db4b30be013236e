import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Response bodies for the ARM imitation, read at test time from the official examples copied into
 * test/fixtures/azure-api (Azure/azure-rest-api-specs; see SOURCES.md there) and adapted to the server asked for.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const ROOT = fileURLToPath(new URL('../../fixtures/azure-api/', import.meta.url));
const EXAMPLE_SUB = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/** The body of one response status of an example file, as a fresh copy. */
export function exampleBody(path: string, status = '200'): JsonObject {
  const file = JSON.parse(readFileSync(`${ROOT}${path}`, 'utf8')) as {
    responses: Record<string, { body?: JsonObject }>;
  };
  const body = file.responses[status]?.body;
  if (!body) throw new Error(`example ${path} has no ${status} body`);
  return structuredClone(body);
}

function obj(value: Json | undefined): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
  return value;
}

function retarget(text: string, subscriptionId: string, resourceGroup: string): string {
  return text
    .replace(EXAMPLE_SUB, subscriptionId)
    .replace(/resourceGroups\/[^/]+/, `resourceGroups/${resourceGroup}`);
}

export interface FlexibleServerSpec {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location?: string;
  geoRedundantBackup?: 'Enabled' | 'Disabled';
  /** VNet-integrated (ServersGetWithVnet.json) instead of public access (ServersGet.json). */
  privateNetwork?: boolean;
  createdAt?: string;
  state?: string;
}

export function flexibleServerId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${name}`;
}

export function flexibleServerBody(spec: FlexibleServerSpec): JsonObject {
  const body = exampleBody(
    spec.privateNetwork
      ? 'flexible-server/2025-08-01/examples/ServersGetWithVnet.json'
      : 'flexible-server/2025-08-01/examples/ServersGet.json',
  );
  body.id = flexibleServerId(spec.subscriptionId, spec.resourceGroup, spec.name);
  body.name = spec.name;
  if (spec.location) body.location = spec.location;
  if (spec.createdAt) obj(body.systemData).createdAt = spec.createdAt;
  const props = obj(body.properties);
  props.fullyQualifiedDomainName = `${spec.name}.postgres.database.azure.com`;
  if (spec.state) props.state = spec.state;
  if (spec.geoRedundantBackup) obj(props.backup).geoRedundantBackup = spec.geoRedundantBackup;
  const network = obj(props.network);
  for (const key of ['delegatedSubnetResourceId', 'privateDnsZoneArmResourceId']) {
    const value = network[key];
    if (typeof value === 'string') network[key] = retarget(value, spec.subscriptionId, spec.resourceGroup);
  }
  return body;
}

export interface SingleServerSpec {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location?: string;
  geoRedundantBackup?: 'Enabled' | 'Disabled';
}

export function singleServerBody(spec: SingleServerSpec): JsonObject {
  const body = exampleBody('single-server/2017-12-01/examples/ServerGet.json');
  body.id = `/subscriptions/${spec.subscriptionId}/resourceGroups/${spec.resourceGroup}/providers/Microsoft.DBforPostgreSQL/servers/${spec.name}`;
  body.name = spec.name;
  if (spec.location) body.location = spec.location;
  const props = obj(body.properties);
  props.fullyQualifiedDomainName = `${spec.name}.postgres.database.azure.com`;
  if (spec.geoRedundantBackup) {
    obj(props.storageProfile).geoRedundantBackup = spec.geoRedundantBackup;
    // Basic has no geo-redundant backup; the General Purpose tier is where it can be on.
    if (spec.geoRedundantBackup === 'Enabled')
      body.sku = { name: 'GP_Gen5_2', tier: 'GeneralPurpose', family: 'Gen5', capacity: 2 };
  }
  return body;
}

/** The new server after a geo-restore: the 201 body of the plain geo-restore example, carrying the source's settings. */
export function restoredServerBody(
  id: string,
  name: string,
  location: string,
  source: JsonObject,
  network?: Json,
): JsonObject {
  const body = exampleBody('flexible-server/2022-12-01/examples/ServerCreateGeoRestore.json', '201');
  body.id = id;
  body.name = name;
  body.location = location;
  body.sku = source.sku ?? body.sku ?? null;
  body.systemData = { createdAt: new Date().toISOString() };
  const props = obj(body.properties);
  const sourceProps = obj(source.properties);
  props.fullyQualifiedDomainName = `${name}.postgres.database.azure.com`;
  props.version = sourceProps.version ?? props.version ?? null;
  props.administratorLogin = sourceProps.administratorLogin ?? props.administratorLogin ?? null;
  props.network = network ?? { publicNetworkAccess: 'Enabled' };
  return body;
}

export function capabilitiesBody(geoBackup: boolean): JsonObject {
  const body = exampleBody('flexible-server/2025-08-01/examples/CapabilitiesByLocationList.trimmed.json');
  if (!geoBackup) {
    for (const item of body.value as JsonObject[]) {
      item.geoBackupSupported = 'Disabled';
      item.zoneRedundantHaAndGeoBackupSupported = 'Disabled';
      for (const f of item.supportedFeatures as JsonObject[]) {
        if (f.name === 'GeoBackup' || f.name === 'ZoneRedundantHaAndGeoBackup') f.status = 'Disabled';
      }
    }
  }
  return body;
}

export function recoverableServerBody(serverId: string): JsonObject {
  const body = exampleBody('single-server/2017-12-01/examples/RecoverableServersGet.json');
  body.id = `${serverId}/recoverableServers`;
  return body;
}

export function backupsBody(serverId: string): JsonObject {
  const body = exampleBody(
    'flexible-server/2025-08-01/examples/BackupsAutomaticAndOnDemandListByServer.json',
  );
  for (const backup of body.value as JsonObject[]) backup.id = `${serverId}/backups/${String(backup.name)}`;
  return body;
}
