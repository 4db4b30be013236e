import type { Capability } from '@azure/arm-postgresql-flexible';
import type { TokenCredential } from '@azure/identity';
import { isValidServerName } from '../../bot/azure-rules/server-name-rules.js';
import type { AzureConfig } from '../../bot/config/azure.js';
import { BotError } from '../../bot/errors.js';
import type {
  BackupPoint,
  GeoRestoreHandle,
  GeoRestoreProgress,
  GeoRestoreRequest,
  NameCheck,
  PostgresOps,
  RegionCapabilities,
  ServerFacts,
  ServerQuery,
  ServerRef,
} from '../../bot/ports/postgres-ops.js';
import { type ArmClientOptions, AzureClients } from './azure-clients.js';
import { createAzureCredentials } from './azure-credentials.js';
import { isNotFound, toBotError } from './azure-error-mapping.js';
import { findServers, getServer, inScope, type SearchScope } from './find-servers.js';
import { pollGeoRestore, startGeoRestore } from './geo-restore.js';

export interface AzurePostgresOpsOptions extends ArmClientOptions {
  subscriptionIds: string[];
  resourceGroups?: string[];
  /** `write` (the restore identity) defaults to `read`. */
  credentials: { read: TokenCredential; write?: TokenCredential };
  /** Suggested wait between status polls when Azure sends no Retry-After (and the SDK's updateIntervalInMs). */
  pollIntervalMs?: number;
}

const DEFAULT_POLL_INTERVAL_MS = 15_000;

/** PostgresOps over the real SDK clients: Flexible Server (2025-08-01) and Single Server (2017-12-01). */
export class AzurePostgresOps implements PostgresOps {
  private readonly clients: AzureClients;
  private readonly scope: SearchScope;
  private readonly pollIntervalMs: number;

  constructor(options: AzurePostgresOpsOptions) {
    const { subscriptionIds, resourceGroups, credentials, pollIntervalMs, ...clientOptions } = options;
    this.clients = new AzureClients(
      { read: credentials.read, write: credentials.write ?? credentials.read },
      clientOptions,
    );
    this.scope = { subscriptionIds, ...(resourceGroups ? { resourceGroups } : {}) };
    this.pollIntervalMs = pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  }

  findServers(query: ServerQuery): Promise<ServerFacts[]> {
    return findServers(this.clients, this.scope, query);
  }

  getServer(ref: ServerRef): Promise<ServerFacts | undefined> {
    return getServer(this.clients, this.scope, ref);
  }

  async capabilities(region: string, subscriptionId?: string): Promise<RegionCapabilities> {
    const client = this.clients.flexible(this.subscription(subscriptionId));
    try {
      const capabilities: Capability[] = [];
      for await (const c of client.capabilitiesByLocation.list(region)) capabilities.push(c);
      const enabled = (value: string | undefined) => value === 'Enabled';
      const geoFeature = (name: string) =>
        capabilities.some((c) => c.supportedFeatures?.some((f) => f.name === name && f.status === 'Enabled'));
      return {
        region,
        geoBackupSupported:
          capabilities.some((c) => enabled(c.geoBackupSupported)) || geoFeature('GeoBackup'),
        zoneRedundantHaSupported: capabilities.some((c) => enabled(c.zoneRedundantHaSupported)),
        zoneRedundantHaAndGeoBackupSupported: capabilities.some((c) =>
          enabled(c.zoneRedundantHaAndGeoBackupSupported),
        ),
        supportedVersions: [
          ...new Set(
            capabilities.flatMap((c) =>
              (c.supportedServerVersions ?? []).flatMap((v) => (v.name ? [v.name] : [])),
            ),
          ),
        ],
      };
    } catch (err) {
      throw toBotError(err, 'read', `reading the capabilities of ${region}`);
    }
  }

  /** A POST action (not covered by Reader), so it runs with the restore identity, as the restore dialog does. */
  async checkName(region: string, name: string, subscriptionId?: string): Promise<NameCheck> {
    if (!isValidServerName(name)) return { name, available: false, reason: 'Invalid' };
    const client = this.clients.flexible(this.subscription(subscriptionId), 'write');
    try {
      const answer = await client.nameAvailability.checkWithLocation(region, {
        name,
        type: 'Microsoft.DBforPostgreSQL/flexibleServers',
      });
      const reason =
        answer.reason === 'Invalid' || answer.reason === 'AlreadyExists' ? answer.reason : undefined;
      return { name, available: answer.nameAvailable === true, ...(reason ? { reason } : {}) };
    } catch (err) {
      throw toBotError(err, 'write', `checking the name ${name}`);
    }
  }

  async latestBackup(ref: ServerRef): Promise<BackupPoint | undefined> {
    if (!inScope(this.scope, ref.subscriptionId, ref.resourceGroup)) return undefined;
    try {
      if (ref.model === 'single-server') {
        const recoverable = await this.clients
          .single(ref.subscriptionId)
          .recoverableServers.get(ref.resourceGroup, ref.name);
        const at = recoverable.lastAvailableBackupDateTime;
        return at ? { at: new Date(at).toISOString(), kind: 'geo-backup' } : undefined;
      }
      let latest: Date | undefined;
      const backups = this.clients.flexible(ref.subscriptionId).backupsAutomaticAndOnDemand;
      for await (const backup of backups.listByServer(ref.resourceGroup, ref.name)) {
        const done = backup.completedTime;
        if (done && (!latest || done > latest)) latest = done;
      }
      return latest ? { at: latest.toISOString(), kind: 'backup' } : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw toBotError(err, 'read', `reading the backups of ${ref.name}`);
    }
  }

  startGeoRestore(request: GeoRestoreRequest): Promise<GeoRestoreHandle> {
    this.subscription(request.target.subscriptionId);
    if (!inScope(this.scope, request.source.subscriptionId, request.source.resourceGroup)) {
      throw new BotError(
        'input.invalid',
        'The source server is outside AZURE_SUBSCRIPTION_ID / AZURE_RESOURCE_GROUPS',
      );
    }
    return startGeoRestore(this.clients, request, this.pollIntervalMs);
  }

  pollGeoRestore(handle: GeoRestoreHandle): Promise<GeoRestoreProgress> {
    return pollGeoRestore(this.clients, handle, this.pollIntervalMs);
  }

  private subscription(subscriptionId: string | undefined): string {
    const chosen = subscriptionId ?? this.scope.subscriptionIds[0];
    if (!chosen || !this.scope.subscriptionIds.some((s) => s.toLowerCase() === chosen.toLowerCase())) {
      throw new BotError('input.invalid', 'The subscription is not one of AZURE_SUBSCRIPTION_ID');
    }
    return chosen;
  }
}

/** Production wiring from the parsed configuration (credentials made here, from the config). */
export function azurePostgresOpsFromConfig(config: AzureConfig): AzurePostgresOps {
  const credentials = createAzureCredentials(config);
  return new AzurePostgresOps({
    subscriptionIds: config.subscriptionIds,
    ...(config.resourceGroups ? { resourceGroups: config.resourceGroups } : {}),
    credentials,
    endpoint: config.cloud.resourceManagerEndpoint,
    credentialScopes: [config.cloud.tokenScope],
  });
}
