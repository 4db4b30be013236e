import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { BlobStore } from '../../adapters/store/blob-store.js';
import { SUB_A, SUB_B } from '../azure/loopback-ops.js';
import { ArmLoopback } from './arm-loopback/arm-loopback.js';
import { type Azurite, startAzurite } from './azurite.js';
import { type ReplicaProcess, startReplica } from './replica-process.js';
import { SlackApiStub } from './slack-api-stub.js';
import { SIGNING_SECRET } from './slack-requests.js';

export const REPLICA_ALICE = 'U0ALICE01';

export interface TwoReplicasOptions {
  /**
   * The shared store, as configuration (e.g. STORE=blob with a connection string): every replica
   * gets the same, so they share one store.
   */
  storeEnv: Record<string, string>;
  /** LEASE_TTL_SECONDS of both replicas (default 2, so that a dead one's work moves on quickly). */
  leaseTtlSeconds?: number;
}

/**
 * Two bot processes behind no load balancer (the test picks the replica for each request), on one
 * store, with one loopback Slack Web API and one loopback ARM. Both build their model at the same time.
 */
export async function startTwoReplicas(options: TwoReplicasOptions) {
  const arm = await ArmLoopback.start();
  const stub = await new SlackApiStub().start();
  const dir = mkdtempSync(join(tmpdir(), 'grb-replicas-'));
  const caFile = join(dir, 'arm-ca.pem');
  writeFileSync(caFile, arm.ca);
  const env = (name: string): Record<string, string> => ({
    LOG_LEVEL: 'info',
    DATA_DIR: join(dir, name),
    SLACK_BOT_TOKEN: 'xoxb-replica-0000-secret-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: stub.apiUrl,
    AZURE_SUBSCRIPTION_ID: `${SUB_A},${SUB_B}`,
    RESTORE_ENABLED: 'true',
    RESTORE_ALLOWED_USERS: `slack:${REPLICA_ALICE}`,
    LEASE_TTL_SECONDS: String(options.leaseTtlSeconds ?? 2),
    REPLICA_ARM_URL: arm.url,
    REPLICA_ARM_CA_FILE: caFile,
    REPLICA_MAX_WAIT_MS: '100',
    ...options.storeEnv,
  });
  const started = await Promise.allSettled([startReplica('A', env('a')), startReplica('B', env('b'))]);
  const replicas = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = started.find((s) => s.status === 'rejected');
  const close = async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await stub.close();
    await Promise.race([arm.close(), new Promise((r) => setTimeout(r, 300))]);
    rmSync(dir, { recursive: true, force: true });
  };
  if (failure) {
    await close();
    throw failure.reason;
  }
  const [a, b] = replicas as [ReplicaProcess, ReplicaProcess];
  return { arm, stub, a, b, close };
}

export type TwoReplicas = Awaited<ReturnType<typeof startTwoReplicas>>;

/**
 * Per test file: two replica processes on one Azurite container, started once before the file's tests
 * and stopped after them. The getters are valid inside tests.
 */
export function useTwoReplicasOnAzurite(container: string) {
  let azurite: Azurite;
  let bots: TwoReplicas;
  let store: BlobStore;
  beforeAll(async () => {
    azurite = await startAzurite();
    bots = await startTwoReplicas({
      storeEnv: {
        STORE: 'blob',
        AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
        AZURE_STORAGE_CONTAINER: container,
      },
    });
    store = await BlobStore.open({ connectionString: azurite.connectionString, containerName: container });
  }, 240_000);
  afterAll(async () => {
    await store?.close();
    await bots?.close();
    await azurite?.stop();
  }, 60_000);
  return { bots: () => bots, store: () => store };
}
