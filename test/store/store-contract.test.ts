import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LevelStore, type LevelStoreOptions } from '../../adapters/store/level-store.js';
import { MemoryStore } from '../../adapters/store/memory-store.js';
import type { Store } from '../../bot/ports/store.js';
import type { ManualClock } from '../support/manual-clock.js';
import { storeContract } from './store-contract.js';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const kinds: Record<string, (clock: ManualClock) => Promise<Store>> = {
  memory: async (clock) => new MemoryStore(clock),
  level: (clock) => openLevel({ clock }),
  // Every read from disk, and a cache so small that documents keep leaving it.
  'level without cache': (clock) => openLevel({ clock, cachedDocuments: 0 }),
  'level with a two-document cache': (clock) => openLevel({ clock, cachedDocuments: 2 }),
};

function openLevel(options: LevelStoreOptions): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'grb-store-'));
  dirs.push(dir);
  return LevelStore.open(dir, options);
}

describe.each(Object.entries(kinds))('%s store', (_name, open) => {
  storeContract(async (clock) => {
    const store = await open(clock);
    stores.push(store);
    return store;
  });
});

describe('level store on disk', () => {
  it('keeps documents across a close and reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grb-store-'));
    dirs.push(dir);
    const first = await LevelStore.open(dir);
    await first.write('conv/1', { step: 'clarify' });
    await first.close();
    const second = await LevelStore.open(dir);
    stores.push(second);
    expect((await second.read('conv/1'))?.value).toEqual({ step: 'clarify' });
  });
});
