import { describe, expect, it } from 'vitest';
import { createContainerClient } from '../../adapters/store/blob-container-client.js';
import { BlobStore } from '../../adapters/store/blob-store.js';
import { isBotError } from '../../bot/errors.js';
import { azuriteStores } from '../support/azurite-stores.js';
import { ManualClock } from '../support/manual-clock.js';
import { storeContract } from './store-contract.js';

const blob = azuriteStores();
const openStore = (clock?: ManualClock) => blob.open(clock);

describe('blob store on Azurite', () => {
  storeContract((clock) => openStore(clock));

  it('keeps keys with slashes, escapes and any unicode apart, listed in key order', async () => {
    const store = await openStore();
    const keys = ['k/a b', 'k/a%2Fb', 'k/a/b', 'k/.', 'k/..', 'k/ä', 'k/€', 'k/😀', 'k/Z', 'k/'];
    for (const [i, key] of keys.entries()) await store.write(key, { i });
    const byteOrder = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect((await store.list('k/')).map((d) => d.key)).toEqual(byteOrder);
    for (const [i, key] of keys.entries()) expect((await store.read(key))?.value).toEqual({ i });
    expect((await store.list('k/a')).map((d) => d.key)).toEqual(['k/a b', 'k/a%2Fb', 'k/a/b']);
  });

  it('gives an expired document to exactly one of many concurrent creators', async () => {
    const clock = new ManualClock();
    const store = await openStore(clock);
    await store.write('lease', { holder: 'old' }, { ifAbsent: true, ttlMs: 1000 });
    clock.advance(1001);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => store.write('lease', { holder: i }, { ifAbsent: true })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect(isBotError(r.reason, 'store.conflict')).toBe(true);
    }
    expect((await store.read('lease'))?.eTag).toBe((won[0] as PromiseFulfilledResult<string>).value);
  });

  it('sees the writes of another store on the same container, as a second replica would', async () => {
    const first = await openStore();
    const name = blob.freshContainer();
    const a = await blob.openIn(name);
    const b = await blob.openIn(name);
    const eTag = await a.write('conv/1', { step: 'askServer' });
    expect(await b.read('conv/1')).toEqual({ value: { step: 'askServer' }, eTag });
    await b.write('conv/1', { step: 'confirm' }, { eTag });
    await expect(a.write('conv/1', { step: 'stale' }, { eTag })).rejects.toSatisfy((e) =>
      isBotError(e, 'store.conflict'),
    );
    expect(await first.read('conv/1')).toBeUndefined();
  });

  it('keeps keys longer than a blob name can spell out, listed after the keys they begin with', async () => {
    const store = await openStore();
    const base = `conv/teams/${'19%3Aa1b2c3d4e5f6'.repeat(30)}`;
    const long = `${base}/-/29%3A${'x'.repeat(200)}`;
    const longer = `${long}/more`;
    const eTag = await store.write(long, { n: 1 }, { ifAbsent: true });
    await store.write(longer, { n: 2 });
    await store.write(base, { n: 0 });
    await expect(store.write(long, { n: 9 }, { ifAbsent: true })).rejects.toSatisfy((e) =>
      isBotError(e, 'store.conflict'),
    );
    expect(await store.read(long)).toEqual({ value: { n: 1 }, eTag });
    expect((await store.list('conv/teams/')).map((d) => d.key)).toEqual([base, long, longer].sort());
    expect((await store.list(`${long}/`)).map((d) => d.key)).toEqual([longer]);
    await store.delete(long, { eTag });
    expect(await store.read(long)).toBeUndefined();
    expect((await store.list(`${base}/`)).map((d) => d.key)).toEqual([longer]);
  });

  it('lists long keys that share their start in key order across listing pages', async () => {
    const client = createContainerClient({
      connectionString: blob.azurite.connectionString,
      containerName: blob.freshContainer(),
    });
    const store = new BlobStore(client, new ManualClock(), 2);
    try {
      await store.ensureContainer();
      const start = `t/${'s'.repeat(460)}`;
      const keys = ['t/a', `${start}/e`, `${start}/b`, `${start}/d`, `${start}/a`, `${start}/c`, 't/z'];
      for (const key of keys) await store.write(key, key.length);
      const byteOrder = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      expect((await store.list('t/')).map((d) => d.key)).toEqual(byteOrder);
      expect((await store.list('t/', { limit: 3 })).map((d) => d.key)).toEqual(byteOrder.slice(0, 3));
    } finally {
      await store.close();
    }
  });

  it('refuses an absurdly long key with input.invalid', async () => {
    const store = await openStore();
    await expect(store.write(`k/${'€'.repeat(3000)}`, 1)).rejects.toSatisfy((e) =>
      isBotError(e, 'input.invalid'),
    );
  });

  it('reports an unreachable account as store.unavailable after the SDK retries', async () => {
    const dead =
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;';
    const open = BlobStore.open(
      { connectionString: dead, containerName: 'nowhere' },
      { retry: { maxTries: 2, retryDelayInMs: 10, maxRetryDelayInMs: 20, tryTimeoutInMs: 2000 } },
    );
    await expect(open).rejects.toSatisfy((e) => isBotError(e, 'store.unavailable'));
  });

  it('refuses every call once closed', async () => {
    const store = await openStore();
    await store.close();
    await expect(store.read('a')).rejects.toSatisfy((e) => isBotError(e, 'store.unavailable'));
  });
});
