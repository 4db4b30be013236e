import { BotError, type ErrorCode } from '../errors.js';

/**
 * Live operations on Azure Database for PostgreSQL, in our own terms. Implemented in adapters/azure;
 * dialogs see only this. Every value here is JSON-serialisable (dates are ISO strings), so that facts,
 * requests and handles can be kept in dialog state and in the Store.
 */

export type DeploymentModel = 'flexible-server' | 'single-server';

export type ServerRef = {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  /** The full ARM resource id. */
  id: string;
  model: DeploymentModel;
};

export type NetworkFacts = {
  /** `private`: VNet-integrated (delegated subnet); a geo-restore needs a target subnet in the other region. */
  mode: 'public' | 'private';
  publicNetworkAccess?: string;
  delegatedSubnetId?: string;
  privateDnsZoneId?: string;
};

export type ServerFacts = {
  ref: ServerRef;
  /** ARM location name, e.g. `eastus`. */
  region: string;
  /** `sku.tier`: Burstable, GeneralPurpose, MemoryOptimized (Flexible); Basic, GeneralPurpose, MemoryOptimized (Single). */
  tier?: string;
  skuName?: string;
  version?: string;
  /** `state` (Flexible) or `userVisibleState` (Single): Ready, Stopped, Provisioning, … */
  state?: string;
  geoRedundantBackup: 'Enabled' | 'Disabled' | 'Unknown';
  earliestRestoreDate?: string;
  backupRetentionDays?: number;
  /** `systemData.createdAt`; Single Server does not report it. */
  createdAt?: string;
  network: NetworkFacts;
  /** Disabled, SameZone or ZoneRedundant (Flexible only). */
  highAvailability?: string;
  fullyQualifiedDomainName?: string;
  administratorLogin?: string;
  availabilityZone?: string;
  storageSizeGb?: number;
  /** Customer-managed keys need identities and keys in the target region: not handled by a plain geo-restore. */
  dataEncryption?: 'SystemManaged' | 'AzureKeyVault';
};

export type ServerQuery = { name: string; resourceGroup?: string } | { resourceId: string };

export type RegionCapabilities = {
  region: string;
  geoBackupSupported: boolean;
  zoneRedundantHaSupported: boolean;
  zoneRedundantHaAndGeoBackupSupported: boolean;
  supportedVersions: string[];
};

export type NameCheck = {
  name: string;
  available: boolean;
  /** `Invalid` (breaks the naming rules) or `AlreadyExists`. */
  reason?: 'Invalid' | 'AlreadyExists';
};

export type BackupPoint = {
  /** When the backup completed (ISO). */
  at: string;
  /** `geo-backup`: Azure reports it as the point a geo-restore reaches; `backup`: latest local backup. */
  kind: 'geo-backup' | 'backup';
};

export type GeoRestoreRequest = {
  /** A Flexible Server with geo-redundant backup enabled. */
  source: ServerRef;
  /** The new server. Its region is normally the source region's pair. */
  target: { subscriptionId: string; resourceGroup: string; name: string; region: string };
  /** ISO time; Azure restores the latest geo-backup at or before it. */
  pointInTime: string;
  /** Required when the source is VNet-integrated: a delegated subnet (and DNS zone) in the target region. */
  network?: { delegatedSubnetId: string; privateDnsZoneId?: string };
  /**
   * `Disabled` creates the new server without geo-redundant backup: the only way while the source's
   * region is down, when Azure cannot create a geo-redundant server in the paired region. Left out, the
   * new server keeps the source's setting.
   */
  geoRedundantBackup?: 'Disabled';
  tags?: Record<string, string>;
};

/** The ids Azure puts on every response; quote them to Microsoft support and in the audit log. */
export type AzureIds = { requestId?: string; correlationId?: string };

/** What we keep of an Azure error: never its free text, which must not reach a chat user. */
export type AzureErrorInfo = AzureIds & {
  /** Azure's error code, e.g. `AuthorizationFailed`, `ResourceNotFound`, `InternalServerError`. */
  code?: string;
  status?: number;
  retryAfterMs?: number;
};

/** Everything needed to resume watching a restore after a restart: store it as it is. */
export type GeoRestoreHandle = {
  target: ServerRef;
  targetRegion: string;
  sourceId: string;
  /** The SDK poller's own serialized state (opaque). */
  pollerState: string;
  /** Ids of the PUT that started the restore. */
  azure: AzureIds;
};

export type GeoRestoreProgress =
  | { status: 'InProgress'; handle: GeoRestoreHandle; nextPollInMs: number }
  | { status: 'Succeeded'; handle: GeoRestoreHandle; server: ServerFacts }
  | { status: 'Failed'; handle: GeoRestoreHandle; error: AzureErrorInfo };

export interface PostgresOps {
  /** Every match across the configured subscriptions (and resource groups), Flexible and Single Server. */
  findServers(query: ServerQuery): Promise<ServerFacts[]>;
  /** Undefined when the server does not exist (or is outside the configured scope). */
  getServer(ref: ServerRef): Promise<ServerFacts | undefined>;
  /** Flexible Server capabilities of a region, in the given (default: first configured) subscription. */
  capabilities(region: string, subscriptionId?: string): Promise<RegionCapabilities>;
  checkName(region: string, name: string, subscriptionId?: string): Promise<NameCheck>;
  /** Single Server: the last geo-backup (recoverableServers); Flexible: the latest completed backup. */
  latestBackup(ref: ServerRef): Promise<BackupPoint | undefined>;
  /** Sends exactly one PUT. Persist the handle before anything else. */
  startGeoRestore(request: GeoRestoreRequest): Promise<GeoRestoreHandle>;
  /**
   * One status poll, resumed from the handle (works in a new process). A transient failure of the poll
   * itself throws (azure.throttled / azure.unavailable) and leaves the old handle valid.
   */
  pollGeoRestore(handle: GeoRestoreHandle): Promise<GeoRestoreProgress>;
}

/**
 * A BotError from Azure, carrying what the audit log and a failure post need. `requiredRole` says which
 * role a 403 points at: `reader` for reads, `restore` for the custom geo-restore role.
 */
export class AzureOpsError extends BotError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly azure: AzureErrorInfo,
    readonly requiredRole?: 'reader' | 'restore',
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}
