import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverRef } from '../../bot/azure-rules/server-resource-id.js';
import { ArmLoopback } from '../support/arm-loopback/arm-loopback.js';
import { loopbackOps, SUB_A, SUB_B } from './loopback-ops.js';

describe('capabilities, name checks and backups through the real SDK clients', () => {
  let arm: ArmLoopback;
  beforeEach(async () => {
    arm = await ArmLoopback.start();
  });
  afterEach(() => arm.close());

  it('reports a region that supports geo-redundant backup', async () => {
    const { ops } = loopbackOps(arm);

    const caps = await ops.capabilities('westus');

    expect(caps).toMatchObject({
      region: 'westus',
      geoBackupSupported: true,
      zoneRedundantHaSupported: true,
    });
    expect(caps.supportedVersions).toContain('17');
    expect(arm.requests[0]?.path).toBe(
      `/subscriptions/${SUB_A}/providers/Microsoft.DBforPostgreSQL/locations/westus/capabilities`,
    );
  });

  it('reports a region without geo-redundant backup, in the subscription asked for', async () => {
    arm.disableGeoBackupIn('westcentralus');
    const { ops } = loopbackOps(arm);

    const caps = await ops.capabilities('westcentralus', SUB_B);

    expect(caps.geoBackupSupported).toBe(false);
    expect(arm.requests[0]?.path).toContain(SUB_B);
  });

  it('checks a free name with the location-based check', async () => {
    const { ops } = loopbackOps(arm);

    expect(await ops.checkName('westus', 'pg-orders-dr')).toEqual({ name: 'pg-orders-dr', available: true });
    expect(arm.requests[0]?.body).toEqual({
      name: 'pg-orders-dr',
      type: 'Microsoft.DBforPostgreSQL/flexibleServers',
    });
  });

  it('reports a taken name as AlreadyExists', async () => {
    arm.addFlexibleServer({ subscriptionId: SUB_B, resourceGroup: 'rg', name: 'pg-taken' });
    const { ops } = loopbackOps(arm);

    expect(await ops.checkName('westus', 'pg-taken')).toEqual({
      name: 'pg-taken',
      available: false,
      reason: 'AlreadyExists',
    });
  });

  it('reports a name that breaks the rules as Invalid without asking Azure', async () => {
    const { ops } = loopbackOps(arm);

    expect(await ops.checkName('westus', 'PG_Orders')).toEqual({
      name: 'PG_Orders',
      available: false,
      reason: 'Invalid',
    });
    expect(arm.requests).toHaveLength(0);
  });

  it("reads a Single Server's last geo-backup from recoverableServers", async () => {
    arm.addSingleServer({
      subscriptionId: SUB_A,
      resourceGroup: 'testrg',
      name: 'pg-legacy',
      geoRedundantBackup: 'Enabled',
    });
    const { ops } = loopbackOps(arm);

    const point = await ops.latestBackup(serverRef('single-server', SUB_A, 'testrg', 'pg-legacy'));

    expect(point).toEqual({ at: '2020-11-20T01:06:29.780Z', kind: 'geo-backup' });
  });

  it("reads a Flexible Server's latest completed backup", async () => {
    arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg', name: 'pg-orders' });
    const { ops } = loopbackOps(arm);

    const point = await ops.latestBackup(serverRef('flexible-server', SUB_A, 'rg', 'pg-orders'));

    expect(point).toEqual({ at: '2025-06-01T18:30:22.123Z', kind: 'backup' });
  });
});
