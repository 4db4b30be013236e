import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../../adapters/store/blob-store.js';
import { isBotError } from '../../bot/errors.js';
import { type Azurite, startAzurite } from '../support/azurite.js';
import { FaultProxy } from '../support/fault-proxy.js';

/** The shared store behind a proxy that fails chosen requests, as a real network and service can. */

let azurite: Azurite;
let proxy: FaultProxy;
let containers = 0;
beforeAll(async () => {
  azurite = await startAzurite();
  proxy = await new FaultProxy(new URL(azurite.blobUrl).origin).start();
}, 90_000);
afterAll(async () => {
  await proxy?.close();
  await azurite?.stop();
});

const isPut = (req: { method?: string | undefined }) => req.method === 'PUT';
const isGet = (req: { method?: string | undefined }) => req.method === 'GET';

async function openStore(): Promise<BlobStore> {
  const store = await BlobStore.open(
    {
      connectionString: azurite.connectionString.replace(new URL(azurite.blobUrl).origin, proxy.origin),
      containerName: `faults-${++containers}`,
    },
    { retry: { maxTries: 3, retryDelayInMs: 10, maxRetryDelayInMs: 50, tryTimeoutInMs: 10_000 } },
  );
  proxy.requests.length = 0;
  return store;
}

const outcomes = (method: string) => proxy.requests.filter((r) => r.method === method).map((r) => r.outcome);

describe('blob store faults', () => {
  it('lets the SDK retry a 503 so that the write lands once', async () => {
    const store = await openStore();
    proxy.inject({ status: 503, errorCode: 'ServerBusy' }, isPut);
    const eTag = await store.write('a', { n: 1 });
    expect(outcomes('PUT')).toEqual([503, 201]);
    expect(await store.read('a')).toEqual({ value: { n: 1 }, eTag });
  });

  it('knows its own create when the answer was lost and the retry finds the document there', async () => {
    const store = await openStore();
    proxy.inject('lose-answer', isPut);
    const eTag = await store.write('once', { who: 'me' }, { ifAbsent: true });
    expect(outcomes('PUT')).toEqual(['lost', 409]);
    expect(await store.read('once')).toEqual({ value: { who: 'me' }, eTag });
    await expect(store.write('once', { who: 'other' }, { ifAbsent: true })).rejects.toSatisfy((e) =>
      isBotError(e, 'store.conflict'),
    );
  });

  it('knows its own eTag write when the answer was lost and the retry fails If-Match', async () => {
    const store = await openStore();
    const first = await store.write('conv', { step: 1 });
    proxy.inject('lose-answer', isPut);
    const second = await store.write('conv', { step: 2 }, { eTag: first });
    expect(outcomes('PUT')).toEqual([201, 'lost', 412]);
    expect(await store.read('conv')).toEqual({ value: { step: 2 }, eTag: second });
  });

  it('reports store.unavailable once the SDK has used up its tries on a failing service', async () => {
    const store = await openStore();
    for (let i = 0; i < 3; i++) proxy.inject({ status: 500, errorCode: 'InternalError' }, isGet);
    await expect(store.read('a')).rejects.toSatisfy(
      (e) => isBotError(e, 'store.unavailable') && e.message.includes('HTTP 500'),
    );
    expect(outcomes('GET')).toEqual([500, 500, 500]);
  });

  it('reports a refused identity (403) as store.unavailable at once, without retrying', async () => {
    const store = await openStore();
    proxy.inject({ status: 403, errorCode: 'AuthorizationPermissionMismatch' }, isGet);
    await expect(store.read('a')).rejects.toSatisfy(
      (e) => isBotError(e, 'store.unavailable') && e.message.includes('HTTP 403'),
    );
    expect(outcomes('GET')).toEqual([403]);
  });
});
