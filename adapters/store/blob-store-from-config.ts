import { DefaultAzureCredential } from '@azure/identity';
import type { BlobLocation } from '../../bot/config/store.js';
import type { Clock } from '../../bot/ports/clock.js';
import { createContainerClient } from './blob-container-client.js';
import { BlobStore } from './blob-store.js';

/**
 * The shared store as configured, not yet connected (BlobStore.ensureContainer does that). With an
 * account URL the bot signs in as its managed identity through DefaultAzureCredential: a
 * user-assigned one when AZURE_STORAGE_CLIENT_ID names it, otherwise whatever the environment offers
 * (the system-assigned identity on App Service, `az login` on a laptop).
 */
export function blobStoreFromConfig(
  config: { containerName: string } & BlobLocation,
  deps: { clock: Clock; authorityHost?: string },
): BlobStore {
  const target =
    'connectionString' in config
      ? { connectionString: config.connectionString, containerName: config.containerName }
      : {
          accountUrl: config.accountUrl,
          containerName: config.containerName,
          credential: new DefaultAzureCredential({
            ...(deps.authorityHost ? { authorityHost: deps.authorityHost } : {}),
            ...(config.clientId
              ? { managedIdentityClientId: config.clientId, workloadIdentityClientId: config.clientId }
              : {}),
          }),
        };
  return new BlobStore(createContainerClient(target), deps.clock);
}
