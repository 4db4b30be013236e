import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LevelStore } from '../../adapters/store/level-store.js';
import { MemoryStore } from '../../adapters/store/memory-store.js';
import type { Clock } from '../../bot/ports/clock.js';
import type { Store } from '../../bot/ports/store.js';

/** Opens a fresh, empty store of one kind on the given clock; `cleanup` removes what it left behind. */
export type OpenStore = (clock: Clock) => Promise<{ store: Store; cleanup: () => Promise<void> }>;

/** Every Store implementation, for tests that must hold on each (the store contract, leases). */
export const storeKinds: Record<string, OpenStore> = {
  memory: async (clock) => {
    const store = new MemoryStore(clock);
    return { store, cleanup: () => store.close() };
  },
  level: async (clock) => {
    const dir = mkdtempSync(join(tmpdir(), 'grb-store-'));
    const store = await LevelStore.open(dir, { clock });
    return {
      store,
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};
