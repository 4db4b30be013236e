import { expect, it } from 'vitest';
import { isBotError } from '../../bot/errors.js';
import type { Store } from '../../bot/ports/store.js';
import { ManualClock } from '../support/manual-clock.js';

/**
 * What every Store must do, whatever keeps the documents: run it with a function that opens a fresh,
 * empty store on the given clock. The caller closes the stores it opens.
 */
export function storeContract(open: (clock: ManualClock) => Promise<Store>): void {
  async function make() {
    const clock = new ManualClock();
    return { store: await open(clock), clock };
  }

  it('reads back what it wrote with a fresh eTag per write', async () => {
    const { store } = await make();
    const first = await store.write('a', { n: 1 });
    const second = await store.write('a', { n: 2 });
    expect(second).not.toBe(first);
    expect(await store.read('a')).toEqual({ value: { n: 2 }, eTag: second });
    expect(await store.read('missing')).toBeUndefined();
  });

  it('refuses a write whose eTag is stale', async () => {
    const { store } = await make();
    const eTag = await store.write('a', 1);
    await store.write('a', 2, { eTag });
    await expect(store.write('a', 3, { eTag })).rejects.toSatisfy((e) => isBotError(e, 'store.conflict'));
    expect((await store.read('a'))?.value).toBe(2);
  });

  it('creates if absent exactly once among concurrent writers', async () => {
    const { store } = await make();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => store.write('once', { i }, { ifAbsent: true })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('forgets a document after its TTL, so it can be created again', async () => {
    const { store, clock } = await make();
    await store.write('dedupe', true, { ifAbsent: true, ttlMs: 1000 });
    clock.advance(999);
    await expect(store.write('dedupe', true, { ifAbsent: true })).rejects.toThrow();
    clock.advance(2);
    expect(await store.read('dedupe')).toBeUndefined();
    await expect(store.write('dedupe', true, { ifAbsent: true })).resolves.toBeTypeOf('string');
  });

  it('lists by prefix in key order and deletes with an eTag check', async () => {
    const { store } = await make();
    await store.write('t/2', 2);
    const eTag = await store.write('t/1', 1);
    await store.write('u/1', 9);
    expect((await store.list('t/')).map((d) => d.key)).toEqual(['t/1', 't/2']);
    expect(await store.list('t/', { limit: 1 })).toHaveLength(1);
    // A page at a time: past a key, whether or not that key exists.
    expect((await store.list('t/', { after: 't/1' })).map((d) => d.key)).toEqual(['t/2']);
    expect((await store.list('t/', { after: 't/', limit: 1 })).map((d) => d.key)).toEqual(['t/1']);
    expect(await store.list('t/', { after: 't/2' })).toEqual([]);
    await expect(store.delete('t/1', { eTag: 'wrong' })).rejects.toThrow();
    await store.delete('t/1', { eTag });
    expect((await store.list('t/')).map((d) => d.key)).toEqual(['t/2']);
  });

  it('sweeps expired documents under a prefix, and keeps live ones and those written again', async () => {
    const { store, clock } = await make();
    await store.write('d/old', 1, { ttlMs: 1000 });
    await store.write('d/again', 2, { ttlMs: 1000 });
    await store.write('d/keep', 3);
    await store.write('d/later', 4, { ttlMs: 60_000 });
    await store.write('e/old', 5, { ttlMs: 1000 });
    clock.advance(5000);
    await store.write('d/again', 6, { ifAbsent: true, ttlMs: 1000 });
    expect(await store.sweep('d/')).toBe(1);
    expect((await store.list('d/')).map((d) => d.key)).toEqual(['d/again', 'd/keep', 'd/later']);
    expect(await store.sweep()).toBe(1);
    expect(await store.sweep()).toBe(0);
    await expect(store.write('e/old', 7, { ifAbsent: true })).resolves.toBeTypeOf('string');
  });
}
