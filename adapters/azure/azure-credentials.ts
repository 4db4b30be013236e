import type { TokenCredential } from '@azure/identity';
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import type { AzureConfig } from '../../bot/config/azure.js';

/**
 * Reads use DefaultAzureCredential: environment, workload identity and managed identity in production,
 * developer tools (az login) locally. Writes use a second user-assigned managed identity when
 * AZURE_WRITE_CLIENT_ID is set, so that only it holds the restore role; otherwise the same credential.
 */
export function createAzureCredentials(config: AzureConfig): {
  read: TokenCredential;
  write: TokenCredential;
} {
  const authorityHost = config.cloud.authorityHost;
  const read = new DefaultAzureCredential({
    authorityHost,
    ...(config.tenantId ? { tenantId: config.tenantId } : {}),
    ...(config.clientId
      ? { managedIdentityClientId: config.clientId, workloadIdentityClientId: config.clientId }
      : {}),
  });
  const write = config.writeClientId
    ? new ManagedIdentityCredential({ clientId: config.writeClientId, authorityHost })
    : read;
  return { read, write };
}
