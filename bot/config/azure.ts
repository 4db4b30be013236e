import { GUID, type ListedUser, parseUserList } from './user-list.js';

/**
 * The Azure group of settings and the restore policy. Azure is on only when AZURE_SUBSCRIPTION_ID is
 * set; problems name the variable and the expected format, never the value.
 */

export type AzureCloudName = 'AzurePublicCloud' | 'AzureUSGovernment' | 'AzureChinaCloud';

export interface AzureCloud {
  name: AzureCloudName;
  resourceManagerEndpoint: string;
  authorityHost: string;
  /** The ARM token audience, also when the endpoint is overridden. */
  tokenScope: string;
}

export interface AzureConfig {
  subscriptionIds: string[];
  /** When set, searches by name look only in these resource groups. */
  resourceGroups?: string[];
  cloud: AzureCloud;
  /** AZURE_CLIENT_ID: the user-assigned managed identity (or app) for reads. */
  clientId?: string;
  tenantId?: string;
  /** AZURE_WRITE_CLIENT_ID: a second user-assigned managed identity that alone holds the restore role. */
  writeClientId?: string;
}

export type AllowedUser = ListedUser;

export interface RestorePolicy {
  /** The kill switch: no PUT is ever sent unless this is true. */
  enabled: boolean;
  allowedUsers: AllowedUser[];
}

export interface AzureConfigResult {
  /** Undefined when Azure is not configured or when there are problems. */
  config?: AzureConfig;
  restore: RestorePolicy;
  problems: string[];
}

export const AZURE_CLOUDS: Record<AzureCloudName, AzureCloud> = {
  AzurePublicCloud: {
    name: 'AzurePublicCloud',
    resourceManagerEndpoint: 'https://management.azure.com',
    authorityHost: 'https://login.microsoftonline.com',
    tokenScope: 'https://management.azure.com/.default',
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    resourceManagerEndpoint: 'https://management.usgovcloudapi.net',
    authorityHost: 'https://login.microsoftonline.us',
    tokenScope: 'https://management.usgovcloudapi.net/.default',
  },
  AzureChinaCloud: {
    name: 'AzureChinaCloud',
    resourceManagerEndpoint: 'https://management.chinacloudapi.cn',
    authorityHost: 'https://login.chinacloudapi.cn',
    tokenScope: 'https://management.chinacloudapi.cn/.default',
  },
};

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

type Env = Record<string, string | undefined>;

export function parseAzureConfig(env: Env): AzureConfigResult {
  const get = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const list = (name: string) =>
    (get(name) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  const problems: string[] = [];
  const restore = parseRestorePolicy(get('RESTORE_ENABLED'), get('RESTORE_ALLOWED_USERS'), problems);

  const subscriptionIds = list('AZURE_SUBSCRIPTION_ID');
  if (subscriptionIds.length === 0) {
    if (restore.enabled) problems.push('RESTORE_ENABLED is true but AZURE_SUBSCRIPTION_ID is not set');
    return { restore, problems };
  }
  if (!subscriptionIds.every((s) => GUID.test(s))) {
    problems.push(
      'AZURE_SUBSCRIPTION_ID is not a GUID (expected one subscription id or a comma-separated list)',
    );
  }
  const cloud = parseCloud(
    get('AZURE_CLOUD'),
    get('AZURE_RESOURCE_MANAGER_ENDPOINT'),
    get('AZURE_AUTHORITY_HOST'),
    problems,
  );
  const clientId = optionalGuid('AZURE_CLIENT_ID', get('AZURE_CLIENT_ID'), problems);
  const writeClientId = optionalGuid('AZURE_WRITE_CLIENT_ID', get('AZURE_WRITE_CLIENT_ID'), problems);
  const tenantId = get('AZURE_TENANT_ID');
  const resourceGroups = list('AZURE_RESOURCE_GROUPS');
  if (!resourceGroups.every((rg) => /^[\p{L}\p{N}_.()-]{1,90}$/u.test(rg) && !rg.endsWith('.'))) {
    problems.push('AZURE_RESOURCE_GROUPS is not a comma-separated list of resource group names');
  }

  if (problems.length > 0 || cloud === undefined) return { restore, problems };
  const config: AzureConfig = {
    subscriptionIds: [...new Set(subscriptionIds.map((s) => s.toLowerCase()))],
    cloud,
    ...(resourceGroups.length > 0 ? { resourceGroups } : {}),
    ...(clientId ? { clientId } : {}),
    ...(tenantId ? { tenantId } : {}),
    ...(writeClientId ? { writeClientId } : {}),
  };
  return { config, restore, problems };
}

function parseCloud(
  rawName: string | undefined,
  rawEndpoint: string | undefined,
  rawAuthority: string | undefined,
  problems: string[],
): AzureCloud | undefined {
  const name = rawName ?? 'AzurePublicCloud';
  const base = (AZURE_CLOUDS as Record<string, AzureCloud | undefined>)[name];
  if (base === undefined) {
    problems.push('AZURE_CLOUD is not one of AzurePublicCloud, AzureUSGovernment, AzureChinaCloud');
    return undefined;
  }
  const endpoint = rawEndpoint === undefined ? base.resourceManagerEndpoint : httpsOrigin(rawEndpoint);
  if (endpoint === undefined) {
    problems.push(
      'AZURE_RESOURCE_MANAGER_ENDPOINT is not an https URL (expected e.g. https://management.azure.com)',
    );
  }
  const authorityHost = rawAuthority === undefined ? base.authorityHost : httpsOrigin(rawAuthority);
  if (authorityHost === undefined) {
    problems.push(
      'AZURE_AUTHORITY_HOST is not an https URL (expected e.g. https://login.microsoftonline.com)',
    );
  }
  if (endpoint === undefined || authorityHost === undefined) return undefined;
  return { ...base, resourceManagerEndpoint: endpoint, authorityHost };
}

/** Bearer tokens go there, so only https; a trailing slash is dropped because the SDKs append paths. */
function httpsOrigin(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' || url.search || url.hash || url.username || url.password) return undefined;
    return url.href.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

function optionalGuid(name: string, value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (!GUID.test(value)) {
    problems.push(`${name} is not a GUID (expected the client id of an app or managed identity)`);
    return undefined;
  }
  return value.toLowerCase();
}

function parseRestorePolicy(
  rawEnabled: string | undefined,
  rawUsers: string | undefined,
  problems: string[],
): RestorePolicy {
  let enabled = false;
  if (rawEnabled !== undefined) {
    const v = rawEnabled.toLowerCase();
    if (TRUE.has(v)) enabled = true;
    else if (!FALSE.has(v)) problems.push('RESTORE_ENABLED is not true or false');
  }
  return { enabled, allowedUsers: parseUserList('RESTORE_ALLOWED_USERS', rawUsers, problems) };
}
