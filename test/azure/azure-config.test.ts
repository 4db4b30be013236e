import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AzurePostgresOps } from '../../adapters/azure/azure-postgres-ops.js';
import { parseAzureConfig } from '../../bot/config/azure.js';
import { ArmLoopback } from '../support/arm-loopback/arm-loopback.js';
import { RecordingCredential } from '../support/arm-loopback/recording-credential.js';
import { SUB_A, SUB_B } from './loopback-ops.js';

const SLACK_USER = 'U0123ABCD';
const ENTRA_OBJECT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

describe('Azure configuration', () => {
  it('is off without AZURE_SUBSCRIPTION_ID, with writes off', () => {
    expect(parseAzureConfig({})).toEqual({ restore: { enabled: false, allowedUsers: [] }, problems: [] });
  });

  it('reads one or several subscriptions and the public cloud by default', () => {
    const { config, problems } = parseAzureConfig({ AZURE_SUBSCRIPTION_ID: `${SUB_A}, ${SUB_B}` });

    expect(problems).toEqual([]);
    expect(config?.subscriptionIds).toEqual([SUB_A, SUB_B]);
    expect(config?.cloud).toEqual({
      name: 'AzurePublicCloud',
      resourceManagerEndpoint: 'https://management.azure.com',
      authorityHost: 'https://login.microsoftonline.com',
      tokenScope: 'https://management.azure.com/.default',
    });
  });

  it('names a malformed subscription id without echoing it', () => {
    const { config, problems } = parseAzureConfig({ AZURE_SUBSCRIPTION_ID: 'my-secret-sub' });

    expect(config).toBeUndefined();
    expect(problems).toEqual([expect.stringContaining('AZURE_SUBSCRIPTION_ID is not a GUID')]);
    expect(problems.join()).not.toContain('my-secret-sub');
  });

  it.each([
    ['AzureUSGovernment', 'https://management.usgovcloudapi.net', 'https://login.microsoftonline.us'],
    ['AzureChinaCloud', 'https://management.chinacloudapi.cn', 'https://login.chinacloudapi.cn'],
  ])('maps %s to its ARM endpoint, authority and token scope', (cloud, arm, authority) => {
    const { config } = parseAzureConfig({ AZURE_SUBSCRIPTION_ID: SUB_A, AZURE_CLOUD: cloud });

    expect(config?.cloud).toMatchObject({
      resourceManagerEndpoint: arm,
      authorityHost: authority,
      tokenScope: `${arm}/.default`,
    });
  });

  it('lets AZURE_RESOURCE_MANAGER_ENDPOINT override the endpoint but not the token audience', () => {
    const { config } = parseAzureConfig({
      AZURE_SUBSCRIPTION_ID: SUB_A,
      AZURE_CLOUD: 'AzureUSGovernment',
      AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://arm.example.test/',
    });

    expect(config?.cloud.resourceManagerEndpoint).toBe('https://arm.example.test');
    expect(config?.cloud.tokenScope).toBe('https://management.usgovcloudapi.net/.default');
  });

  it('reports every problem at once, by variable name', () => {
    const { problems } = parseAzureConfig({
      AZURE_SUBSCRIPTION_ID: SUB_A,
      AZURE_CLOUD: 'AzureMoon',
      AZURE_WRITE_CLIENT_ID: 'not-a-guid',
      RESTORE_ENABLED: 'maybe',
      RESTORE_ALLOWED_USERS: 'slack:U0123ABCD, bob',
    });

    expect(problems).toEqual([
      'RESTORE_ENABLED is not true or false',
      expect.stringContaining('RESTORE_ALLOWED_USERS entry 2 is not slack:<user id>'),
      expect.stringContaining('AZURE_CLOUD is not one of'),
      expect.stringContaining('AZURE_WRITE_CLIENT_ID is not a GUID'),
    ]);
    expect(problems.join()).not.toContain('bob');
  });

  it('reads the write switch, the allowlist and the write identity', () => {
    const { config, restore, problems } = parseAzureConfig({
      AZURE_SUBSCRIPTION_ID: SUB_A,
      AZURE_RESOURCE_GROUPS: 'rg-prod, rg-dr',
      AZURE_WRITE_CLIENT_ID: ENTRA_OBJECT.toUpperCase(),
      RESTORE_ENABLED: 'true',
      RESTORE_ALLOWED_USERS: `slack:${SLACK_USER},teams:${ENTRA_OBJECT.toUpperCase()}`,
    });

    expect(problems).toEqual([]);
    expect(config).toMatchObject({ resourceGroups: ['rg-prod', 'rg-dr'], writeClientId: ENTRA_OBJECT });
    expect(restore).toEqual({
      enabled: true,
      allowedUsers: [
        { channel: 'slack', id: SLACK_USER },
        { channel: 'teams', id: ENTRA_OBJECT },
      ],
    });
  });

  it('refuses writes switched on without Azure', () => {
    expect(parseAzureConfig({ RESTORE_ENABLED: 'true' }).problems).toEqual([
      'RESTORE_ENABLED is true but AZURE_SUBSCRIPTION_ID is not set',
    ]);
  });
});

describe('a sovereign cloud configuration driving the real clients', () => {
  let arm: ArmLoopback;
  beforeEach(async () => {
    arm = await ArmLoopback.start();
  });
  afterEach(() => arm.close());

  it('asks for a token with the US Government audience and calls the configured endpoint', async () => {
    arm.addFlexibleServer({
      subscriptionId: SUB_A,
      resourceGroup: 'rg',
      name: 'pg-gov',
      location: 'usgovvirginia',
    });
    const { config } = parseAzureConfig({
      AZURE_SUBSCRIPTION_ID: SUB_A,
      AZURE_CLOUD: 'AzureUSGovernment',
      AZURE_RESOURCE_MANAGER_ENDPOINT: arm.url,
    });
    if (!config) throw new Error('config expected');
    const credential = new RecordingCredential();
    const ops = new AzurePostgresOps({
      subscriptionIds: config.subscriptionIds,
      credentials: { read: credential },
      endpoint: config.cloud.resourceManagerEndpoint,
      credentialScopes: [config.cloud.tokenScope],
      tlsOptions: { ca: arm.ca },
    });

    const [facts] = await ops.findServers({ name: 'pg-gov' });

    expect(facts?.region).toBe('usgovvirginia');
    expect(credential.scopes[0]).toEqual(['https://management.usgovcloudapi.net/.default']);
  });
});
