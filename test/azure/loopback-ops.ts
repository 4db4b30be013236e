import { AzurePostgresOps, type AzurePostgresOpsOptions } from '../../adapters/azure/azure-postgres-ops.js';
import type { ArmLoopback } from '../support/arm-loopback/arm-loopback.js';
import { RecordingCredential } from '../support/arm-loopback/recording-credential.js';

export const SUB_A = '11111111-1111-1111-1111-111111111111';
export const SUB_B = '22222222-2222-2222-2222-222222222222';

/** The real adapter and SDK clients, pointed at the loopback, with fast retries and polls. */
export function loopbackOps(
  arm: Pick<ArmLoopback, 'url' | 'ca'>,
  overrides: Partial<AzurePostgresOpsOptions> = {},
) {
  const read = new RecordingCredential();
  const write = new RecordingCredential('loopback-write-token');
  const ops = new AzurePostgresOps({
    subscriptionIds: [SUB_A, SUB_B],
    credentials: { read, write },
    endpoint: arm.url,
    credentialScopes: ['https://management.azure.com/.default'],
    tlsOptions: { ca: arm.ca },
    retryOptions: { maxRetries: 2, retryDelayInMs: 10, maxRetryDelayInMs: 20 },
    pollIntervalMs: 5,
    ...overrides,
  });
  return { ops, read, write };
}
