import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverRef } from '../../bot/azure-rules/server-resource-id.js';
import { ArmLoopback } from '../support/arm-loopback/arm-loopback.js';
import { loopbackOps, SUB_A, SUB_B } from './loopback-ops.js';

describe('finding servers through the real SDK clients', () => {
  let arm: ArmLoopback;
  beforeEach(async () => {
    arm = await ArmLoopback.start();
  });
  afterEach(() => arm.close());

  it('finds a Flexible Server by name across subscriptions, with its facts', async () => {
    arm.addFlexibleServer({ subscriptionId: SUB_B, resourceGroup: 'rg-prod', name: 'pg-orders' });
    const { ops } = loopbackOps(arm);

    const found = await ops.findServers({ name: 'pg-orders' });

    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      ref: { subscriptionId: SUB_B, resourceGroup: 'rg-prod', name: 'pg-orders', model: 'flexible-server' },
      region: 'eastus',
      tier: 'GeneralPurpose',
      version: '17',
      state: 'Ready',
      geoRedundantBackup: 'Enabled',
      earliestRestoreDate: '2025-06-01T18:35:22.123Z',
      backupRetentionDays: 7,
      createdAt: '2025-06-01T18:30:22.123Z',
      network: { mode: 'public', publicNetworkAccess: 'Enabled' },
      highAvailability: 'Disabled',
      fullyQualifiedDomainName: 'pg-orders.postgres.database.azure.com',
      administratorLogin: 'exampleadministratorlogin',
      dataEncryption: 'SystemManaged',
    });
  });

  it('follows nextLink pages of the subscription listing', async () => {
    for (const n of [1, 2, 3, 4])
      arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg', name: `pg-other-${n}` });
    arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg', name: 'pg-last' });
    const { ops } = loopbackOps(arm);

    const found = await ops.findServers({ name: 'pg-last' });

    expect(found.map((f) => f.ref.name)).toEqual(['pg-last']);
    expect(arm.requests.filter((r) => r.route === 'flexible.list' && r.path.includes(SUB_A))).toHaveLength(3);
  });

  it('finds by name in a resource group with GETs only', async () => {
    arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-a', name: 'pg-orders' });
    arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-b', name: 'pg-orders' });
    const { ops } = loopbackOps(arm);

    const found = await ops.findServers({ name: 'pg-orders', resourceGroup: 'rg-b' });

    expect(found.map((f) => f.ref.resourceGroup)).toEqual(['rg-b']);
    expect(arm.count('flexible.list')).toBe(0);
  });

  it('finds by resource id', async () => {
    const body = arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-a', name: 'pg-orders' });
    const { ops } = loopbackOps(arm);

    const found = await ops.findServers({ resourceId: String(body.id) });

    expect(found.map((f) => f.ref.id)).toEqual([body.id]);
  });

  it('returns every match when a name exists more than once, Flexible first', async () => {
    arm.addSingleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-old', name: 'pg-orders' });
    arm.addFlexibleServer({ subscriptionId: SUB_B, resourceGroup: 'rg-new', name: 'pg-orders' });
    const { ops } = loopbackOps(arm);

    const found = await ops.findServers({ name: 'pg-orders' });

    expect(found.map((f) => [f.ref.model, f.ref.subscriptionId])).toEqual([
      ['flexible-server', SUB_B],
      ['single-server', SUB_A],
    ]);
  });

  it('reports geo-redundant backup Disabled', async () => {
    arm.addFlexibleServer({
      subscriptionId: SUB_A,
      resourceGroup: 'rg',
      name: 'pg-local',
      geoRedundantBackup: 'Disabled',
    });
    const { ops } = loopbackOps(arm);

    const [facts] = await ops.findServers({ name: 'pg-local' });

    expect(facts?.geoRedundantBackup).toBe('Disabled');
  });

  it('reports a VNet-integrated server as private, with its delegated subnet and DNS zone', async () => {
    arm.addFlexibleServer({
      subscriptionId: SUB_A,
      resourceGroup: 'rg',
      name: 'pg-private',
      privateNetwork: true,
    });
    const { ops } = loopbackOps(arm);

    const facts = await ops.getServer(serverRef('flexible-server', SUB_A, 'rg', 'pg-private'));

    expect(facts?.network).toEqual({
      mode: 'private',
      publicNetworkAccess: 'Disabled',
      delegatedSubnetId: `/subscriptions/${SUB_A}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/examplevirtualnetwork/subnets/examplesubnet`,
      privateDnsZoneId: `/subscriptions/${SUB_A}/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/exampleserver.private.postgres.database.azure.com`,
    });
    expect(facts?.highAvailability).toBe('ZoneRedundant');
  });

  it('recognises a Single Server and reports what its settings say', async () => {
    arm.addSingleServer({ subscriptionId: SUB_A, resourceGroup: 'testrg', name: 'pg-legacy' });
    const { ops } = loopbackOps(arm);

    const [facts] = await ops.findServers({ name: 'pg-legacy' });

    expect(facts).toMatchObject({
      ref: { model: 'single-server', name: 'pg-legacy' },
      region: 'westus',
      tier: 'Basic',
      version: '9.5',
      state: 'Ready',
      geoRedundantBackup: 'Disabled',
      backupRetentionDays: 10,
      earliestRestoreDate: '2018-03-04T21:00:58.924Z',
      administratorLogin: 'testuser',
      fullyQualifiedDomainName: 'pg-legacy.postgres.database.azure.com',
    });
    expect(facts?.createdAt).toBeUndefined();
  });

  it('finds nothing for an unknown name, an unknown id, or a name that breaks the rules', async () => {
    const { ops } = loopbackOps(arm);

    expect(await ops.findServers({ name: 'pg-missing' })).toEqual([]);
    expect(await ops.findServers({ name: 'pg-missing', resourceGroup: 'rg' })).toEqual([]);
    const id = serverRef('flexible-server', SUB_A, 'rg', 'pg-missing').id;
    expect(await ops.findServers({ resourceId: id })).toEqual([]);
    const before = arm.requests.length;
    expect(await ops.findServers({ name: '../../x?y' })).toEqual([]);
    expect(arm.requests.length).toBe(before);
  });

  it('looks only in the configured resource groups and subscriptions', async () => {
    arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-other', name: 'pg-orders' });
    arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-allowed', name: 'pg-orders' });
    const { ops } = loopbackOps(arm, { subscriptionIds: [SUB_A], resourceGroups: ['rg-allowed'] });

    const found = await ops.findServers({ name: 'pg-orders' });
    const outside = await ops.getServer(serverRef('flexible-server', SUB_A, 'rg-other', 'pg-orders'));

    expect(found.map((f) => f.ref.resourceGroup)).toEqual(['rg-allowed']);
    expect(outside).toBeUndefined();
    expect(arm.count('flexible.list')).toBe(0);
  });

  it('sends a Bearer token for the real ARM scope, with the SDK user agent', async () => {
    arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg', name: 'pg-orders' });
    const { ops, read } = loopbackOps(arm);

    await ops.findServers({ name: 'pg-orders', resourceGroup: 'rg' });

    const get = arm.requests.find((r) => r.route === 'flexible.get');
    expect(get?.headers.authorization).toBe('Bearer loopback-test-token');
    expect(get?.headers['user-agent']).toContain('azsdk-js-arm-postgresql-flexible/9.0.0');
    expect(read.scopes[0]).toEqual(['https://management.azure.com/.default']);
  });
});
