import type { TokenCredential } from '@azure/identity';
import {
  ContainerClient,
  newPipeline,
  type RequestPolicyFactory,
  type StorageRetryOptions,
  StorageRetryPolicyType,
} from '@azure/storage-blob';

/**
 * The Blob service version we send. @azure/storage-blob 12.32 defaults to 2026-04-06, which Azurite
 * 3.35 (the last Azurite on Node 20) refuses; 2025-11-05 is the newest both it and Azure accept, and
 * every operation the store uses is the same in both. Pinning it here, rather than starting Azurite
 * with --skipApiVersionCheck, means the tests speak to Azurite exactly as the bot speaks to Azure.
 */
export const BLOB_SERVICE_VERSION = '2025-11-05';

/** Where the container is: a connection string (Azurite, keys, SAS) or an account URL and an identity. */
export type BlobTarget =
  | { connectionString: string; containerName: string }
  | { accountUrl: string; credential: TokenCredential; containerName: string };

/** The SDK's own retry policy: a few quick tries, each bounded, so a turn never hangs on storage. */
export const defaultBlobRetry: StorageRetryOptions = {
  retryPolicyType: StorageRetryPolicyType.EXPONENTIAL,
  maxTries: 4,
  tryTimeoutInMs: 10_000,
  retryDelayInMs: 200,
  maxRetryDelayInMs: 2_000,
};

const pinServiceVersion: RequestPolicyFactory = {
  create: (next) => ({
    sendRequest: (request) => {
      request.headers.set('x-ms-version', BLOB_SERVICE_VERSION);
      return next.sendRequest(request);
    },
  }),
};

export function createContainerClient(
  target: BlobTarget,
  retryOptions: StorageRetryOptions = defaultBlobRetry,
): ContainerClient {
  // The SDK parses the connection string (account key, SAS or emulator shorthand); we keep its URL
  // and credential and rebuild the pipeline so that it carries our retry options and service version.
  const { url, credential } =
    'connectionString' in target
      ? new ContainerClient(target.connectionString, target.containerName)
      : {
          url: `${target.accountUrl.replace(/\/+$/, '')}/${encodeURIComponent(target.containerName)}`,
          credential: target.credential,
        };
  const pipeline = newPipeline(credential, { retryOptions });
  pipeline.factories.push(pinServiceVersion);
  return new ContainerClient(url, pipeline);
}
