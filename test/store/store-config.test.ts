import { describe, expect, it } from 'vitest';
import { parseStoreConfig } from '../../bot/config/store.js';
import { loadConfig } from '../../bot/load-config.js';

const CONN =
  'DefaultEndpointsProtocol=https;AccountName=georestore;AccountKey=c2VjcmV0LWtleQ==;EndpointSuffix=core.windows.net';
const MI = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('store configuration', () => {
  it('uses the embedded store when STORE is not set, whatever the Azure CLI keeps in the environment', () => {
    expect(parseStoreConfig({})).toEqual({ config: { kind: 'level' }, problems: [] });
    expect(parseStoreConfig({ AZURE_STORAGE_CONNECTION_STRING: CONN }).problems).toEqual([]);
    expect(loadConfig({}).store).toEqual({ kind: 'level' });
  });

  it('points the shared store at an account URL with a user-assigned managed identity', () => {
    const { config, problems } = parseStoreConfig({
      STORE: 'blob',
      AZURE_STORAGE_ACCOUNT_URL: 'https://georestore.blob.core.windows.net/',
      AZURE_STORAGE_CLIENT_ID: MI.toUpperCase(),
    });
    expect(problems).toEqual([]);
    expect(config).toEqual({
      kind: 'blob',
      containerName: 'georestore-state',
      accountUrl: 'https://georestore.blob.core.windows.net',
      clientId: MI,
    });
  });

  it('points the shared store at a connection string and a named container', () => {
    const { config } = parseStoreConfig({
      STORE: 'Blob',
      AZURE_STORAGE_CONNECTION_STRING: CONN,
      AZURE_STORAGE_CONTAINER: 'bot-state-2',
    });
    expect(config).toEqual({ kind: 'blob', containerName: 'bot-state-2', connectionString: CONN });
  });

  it('reports every problem by variable name and never shows a value', () => {
    const env = {
      STORE: 'blob',
      AZURE_STORAGE_CONTAINER: 'Bad_Name',
      AZURE_STORAGE_CLIENT_ID: 'not-a-guid',
      AZURE_STORAGE_ACCOUNT_URL: 'http://georestore.blob.core.windows.net/?sig=secret',
    };
    const { problems } = parseStoreConfig(env);
    expect(problems.map((p) => p.split(' ')[0])).toEqual([
      'AZURE_STORAGE_CONTAINER',
      'AZURE_STORAGE_CLIENT_ID',
      'AZURE_STORAGE_ACCOUNT_URL',
    ]);
    for (const value of Object.values(env).slice(1)) expect(problems.join('\n')).not.toContain(value);
    expect(() => loadConfig(env)).toThrow(/AZURE_STORAGE_CONTAINER/);
  });

  it.each([
    [{ STORE: 'cosmos' }, 'STORE is not level or blob'],
    [{ AZURE_STORAGE_ACCOUNT_URL: 'https://a.blob.core.windows.net' }, 'is set but STORE is not blob'],
    [{ STORE: 'blob' }, 'neither AZURE_STORAGE_ACCOUNT_URL'],
    [
      {
        STORE: 'blob',
        AZURE_STORAGE_CONNECTION_STRING: CONN,
        AZURE_STORAGE_ACCOUNT_URL: 'https://a.blob.core.windows.net',
      },
      'are both set',
    ],
    [{ STORE: 'blob', AZURE_STORAGE_CONNECTION_STRING: 'secret-key' }, 'is not a storage connection string'],
    [
      { STORE: 'blob', AZURE_STORAGE_ACCOUNT_URL: 'https://a.blob.core.windows.net/container' },
      'account URL',
    ],
  ])('refuses %j', (env, problem) => {
    const { problems } = parseStoreConfig(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
    expect(problems[0]).not.toContain('secret');
  });
});
