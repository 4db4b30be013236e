import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverRef } from '../../bot/azure-rules/server-resource-id.js';
import type {
  GeoRestoreHandle,
  GeoRestoreProgress,
  GeoRestoreRequest,
  PostgresOps,
} from '../../bot/ports/postgres-ops.js';
import { ArmLoopback } from '../support/arm-loopback/arm-loopback.js';
import { loopbackOps, SUB_A } from './loopback-ops.js';

const source = serverRef('flexible-server', SUB_A, 'rg-prod', 'pg-orders');

function request(overrides: Partial<GeoRestoreRequest> = {}): GeoRestoreRequest {
  return {
    source,
    target: { subscriptionId: SUB_A, resourceGroup: 'rg-dr', name: 'pg-orders-dr', region: 'westus' },
    pointInTime: '2026-01-10T12:00:00.000Z',
    ...overrides,
  };
}

/** What the restore runner does: poll until done, persisting the handle as JSON between polls. */
async function pollToEnd(ops: PostgresOps, handle: GeoRestoreHandle): Promise<GeoRestoreProgress[]> {
  const seen: GeoRestoreProgress[] = [];
  let current = JSON.parse(JSON.stringify(handle)) as GeoRestoreHandle;
  for (let i = 0; i < 10; i++) {
    const progress = await ops.pollGeoRestore(current);
    seen.push(progress);
    if (progress.status !== 'InProgress') return seen;
    current = JSON.parse(JSON.stringify(progress.handle)) as GeoRestoreHandle;
  }
  throw new Error('the restore never ended');
}

describe('geo-restore through the real SDK clients', () => {
  let arm: ArmLoopback;
  beforeEach(async () => {
    arm = await ArmLoopback.start();
    arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-prod', name: 'pg-orders' });
  });
  afterEach(() => arm.close());

  it('sends one PUT with createMode GeoRestore, the source id, the point in time and the target region', async () => {
    const { ops, write } = loopbackOps(arm);

    const handle = await ops.startGeoRestore(request());

    const puts = arm.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]?.path).toBe(
      `/subscriptions/${SUB_A}/resourceGroups/rg-dr/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-orders-dr`,
    );
    expect(puts[0]?.body).toEqual({
      location: 'westus',
      properties: {
        createMode: 'GeoRestore',
        sourceServerResourceId: source.id,
        pointInTimeUTC: '2026-01-10T12:00:00.000Z',
      },
    });
    expect(puts[0]?.headers.authorization).toBe('Bearer loopback-write-token');
    expect(write.scopes.length).toBeGreaterThan(0);
    expect(handle.target).toEqual(serverRef('flexible-server', SUB_A, 'rg-dr', 'pg-orders-dr'));
    expect(handle.azure.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(handle.azure.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('resumes in a new instance from the persisted handle and reaches Succeeded with the new host name', async () => {
    arm.scriptRestores({ pollsUntilDone: 3, retryAfterSeconds: 7 });
    const handle = await loopbackOps(arm).ops.startGeoRestore(request());
    const persisted = JSON.stringify(handle);

    const afterRestart = loopbackOps(arm).ops;
    const progress = await pollToEnd(afterRestart, JSON.parse(persisted) as GeoRestoreHandle);

    expect(progress.at(0)).toMatchObject({ status: 'InProgress', nextPollInMs: 7000 });
    const last = progress.at(-1);
    expect(last?.status).toBe('Succeeded');
    if (last?.status !== 'Succeeded') return;
    expect(last.server.fullyQualifiedDomainName).toBe('pg-orders-dr.postgres.database.azure.com');
    expect(last.server.ref.name).toBe('pg-orders-dr');
    expect(last.server.region).toBe('westus');
    expect(last.server.state).toBe('Ready');
    expect(arm.count('flexible.put')).toBe(1);
  });

  it('shows the new server as Provisioning while the restore runs', async () => {
    arm.scriptRestores({ pollsUntilDone: 5 });
    const { ops } = loopbackOps(arm);

    const handle = await ops.startGeoRestore(request());
    const during = await ops.getServer(handle.target);

    expect(during?.state).toBe('Provisioning');
  });

  it('reports an operation that ends Failed with its Azure code and the PUT correlation id', async () => {
    arm.scriptRestores({ pollsUntilDone: 1, fail: { code: 'GeoRestoreFailed', message: 'raw azure text' } });
    const { ops } = loopbackOps(arm);
    const handle = await ops.startGeoRestore(request());

    const last = (await pollToEnd(ops, handle)).at(-1);

    expect(last).toMatchObject({
      status: 'Failed',
      error: { code: 'GeoRestoreFailed', status: 200, correlationId: handle.azure.correlationId },
    });
    expect(JSON.stringify(last)).not.toContain('raw azure text');
  });

  it('keeps a handle when the PUT was accepted but the first status poll failed', async () => {
    arm.fail('asyncOperation', { status: 500, times: 3 });
    const { ops } = loopbackOps(arm);

    const handle = await ops.startGeoRestore(request());
    const last = (await pollToEnd(loopbackOps(arm).ops, handle)).at(-1);

    expect(arm.count('flexible.put')).toBe(1);
    expect(last?.status).toBe('Succeeded');
  });

  it('throws azure.unavailable for a failed poll and leaves the handle usable', async () => {
    arm.scriptRestores({ pollsUntilDone: 2 });
    const { ops } = loopbackOps(arm);
    const handle = await ops.startGeoRestore(request());
    arm.fail('asyncOperation', { status: 503, times: 3 });

    await expect(ops.pollGeoRestore(handle)).rejects.toMatchObject({
      code: 'azure.unavailable',
      azure: { status: 503 },
    });
    const last = (await pollToEnd(ops, handle)).at(-1);

    expect(last?.status).toBe('Succeeded');
  });

  it('restores into a target subnet and DNS zone when the source is private', async () => {
    const subnet = `/subscriptions/${SUB_A}/resourceGroups/rg-dr/providers/Microsoft.Network/virtualNetworks/vnet-dr/subnets/pg`;
    const { ops } = loopbackOps(arm);

    await ops.startGeoRestore(request({ network: { delegatedSubnetId: subnet } }));

    const put = arm.requests.find((r) => r.method === 'PUT');
    expect(put?.body).toMatchObject({ properties: { network: { delegatedSubnetResourceId: subnet } } });
  });

  it('maps a 409 on the PUT to azure.conflict with the Azure ids', async () => {
    arm.fail('flexible.put', { status: 409, code: 'ServerAlreadyExists' });
    const { ops } = loopbackOps(arm);

    const error = await ops.startGeoRestore(request()).catch((e: unknown) => e);

    expect(error).toMatchObject({
      code: 'azure.conflict',
      azure: {
        code: 'ServerAlreadyExists',
        status: 409,
        requestId: expect.any(String),
        correlationId: expect.any(String),
      },
    });
  });

  it('maps a 403 on the PUT to azure.forbidden naming the restore role', async () => {
    arm.fail('flexible.put', { status: 403 });
    const { ops } = loopbackOps(arm);

    const error = await ops.startGeoRestore(request()).catch((e: unknown) => e);

    expect(error).toMatchObject({
      code: 'azure.forbidden',
      requiredRole: 'restore',
      azure: { code: 'AuthorizationFailed' },
    });
    expect((error as Error).message).toContain('custom geo-restore role');
  });

  it('refuses a Single Server source without sending anything', async () => {
    const { ops } = loopbackOps(arm);
    const single = serverRef('single-server', SUB_A, 'rg-prod', 'pg-legacy');

    await expect(ops.startGeoRestore(request({ source: single }))).rejects.toMatchObject({
      code: 'input.invalid',
    });
    expect(arm.requests).toHaveLength(0);
  });
});
