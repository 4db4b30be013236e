/**
 * Where the bot keeps its state. STORE=level (the default) is the embedded LevelDB under DATA_DIR,
 * for one process; STORE=blob is Azure Blob Storage, shared by every replica. Problems name the
 * variable and what it expects, never its value (a connection string holds an account key).
 */

export type BlobLocation =
  /** Azurite or development: an account key or SAS inside the string. */
  | { connectionString: string }
  /** Production: the account's blob endpoint and a managed identity (DefaultAzureCredential). */
  | { accountUrl: string; clientId?: string };

export type StoreConfig = { kind: 'level' } | ({ kind: 'blob'; containerName: string } & BlobLocation);

export const DEFAULT_CONTAINER = 'georestore-state';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Azure's rule: 3–63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit. */
const CONTAINER = /^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function parseStoreConfig(env: Record<string, string | undefined>): {
  config: StoreConfig;
  problems: string[];
} {
  const get = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const problems: string[] = [];
  const kind = (get('STORE') ?? 'level').toLowerCase();
  if (kind !== 'level' && kind !== 'blob') problems.push('STORE is not level or blob');
  if (kind !== 'blob') {
    // Replicas that each fall back to their own embedded store would answer Slack retries twice and
    // lose conversations between them: a half-done switch to the shared store is a problem, not a default.
    // (AZURE_STORAGE_CONNECTION_STRING is left out: the Azure CLI reads it too, so it may be set for that.)
    for (const name of ['AZURE_STORAGE_ACCOUNT_URL', 'AZURE_STORAGE_CONTAINER', 'AZURE_STORAGE_CLIENT_ID']) {
      if (get(name) !== undefined && kind === 'level') {
        problems.push(
          `${name} is set but STORE is not blob (set STORE=blob to share state between replicas)`,
        );
      }
    }
    return { config: { kind: 'level' }, problems };
  }

  const containerName = get('AZURE_STORAGE_CONTAINER') ?? DEFAULT_CONTAINER;
  if (!CONTAINER.test(containerName)) {
    problems.push(
      'AZURE_STORAGE_CONTAINER is not a container name (3–63 lower-case letters, digits and single hyphens)',
    );
  }
  const connectionString = get('AZURE_STORAGE_CONNECTION_STRING');
  const rawUrl = get('AZURE_STORAGE_ACCOUNT_URL');
  const clientId = get('AZURE_STORAGE_CLIENT_ID');
  if (clientId !== undefined && !GUID.test(clientId)) {
    problems.push(
      'AZURE_STORAGE_CLIENT_ID is not a GUID (expected the client id of a user-assigned managed identity)',
    );
  }

  let location: BlobLocation | undefined;
  if (connectionString !== undefined && rawUrl !== undefined) {
    problems.push(
      'AZURE_STORAGE_CONNECTION_STRING and AZURE_STORAGE_ACCOUNT_URL are both set (set the account URL for a managed identity, or the connection string, not both)',
    );
  } else if (connectionString !== undefined) {
    if (!/(^|;)\s*(BlobEndpoint|AccountName|UseDevelopmentStorage)\s*=/i.test(connectionString)) {
      problems.push(
        'AZURE_STORAGE_CONNECTION_STRING is not a storage connection string (expected AccountName=…;AccountKey=… or BlobEndpoint=…;SharedAccessSignature=…)',
      );
    } else {
      location = { connectionString };
    }
  } else if (rawUrl !== undefined) {
    const accountUrl = accountEndpoint(rawUrl);
    if (accountUrl === undefined) {
      problems.push(
        'AZURE_STORAGE_ACCOUNT_URL is not an https account URL (expected e.g. https://<account>.blob.core.windows.net)',
      );
    } else {
      location = { accountUrl, ...(clientId ? { clientId: clientId.toLowerCase() } : {}) };
    }
  } else {
    problems.push(
      'STORE is blob but neither AZURE_STORAGE_ACCOUNT_URL (with a managed identity) nor AZURE_STORAGE_CONNECTION_STRING is set',
    );
  }
  if (problems.length > 0 || location === undefined) return { config: { kind: 'level' }, problems };
  return { config: { kind: 'blob', containerName, ...location }, problems };
}

/** Tokens go there, so https only, and the account root: the container is a setting of its own. */
function accountEndpoint(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' || url.search || url.hash || url.username || url.password) return undefined;
    if (url.pathname !== '/' && url.pathname !== '') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}
