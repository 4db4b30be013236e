import { afterAll, afterEach, beforeAll } from 'vitest';
import { BlobStore } from '../../adapters/store/blob-store.js';
import type { Clock } from '../../bot/ports/clock.js';
import { type Azurite, startAzurite } from './azurite.js';
import { ManualClock } from './manual-clock.js';

/**
 * One Azurite for a test file (started before its tests, stopped after them) and blob stores on it,
 * each in a container of its own so that tests cannot see each other's documents. Call at the top level.
 */
export function azuriteStores(prefix = 'test') {
  let azurite: Azurite | undefined;
  let containers = 0;
  const stores: BlobStore[] = [];
  beforeAll(async () => {
    azurite = await startAzurite();
  }, 90_000);
  afterAll(async () => {
    await azurite?.stop();
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });
  const running = (): Azurite => {
    if (!azurite) throw new Error('Azurite is not running (call azuriteStores at the top level of the file)');
    return azurite;
  };
  return {
    get azurite(): Azurite {
      return running();
    },
    /** A store in a fresh container, closed after the test. */
    open(clock: Clock = new ManualClock()): Promise<BlobStore> {
      return this.openIn(this.freshContainer(), clock);
    },
    /** A store in the named container (two of them on one container are two replicas). */
    async openIn(containerName: string, clock: Clock = new ManualClock()): Promise<BlobStore> {
      const store = await BlobStore.open(
        { connectionString: running().connectionString, containerName },
        { clock },
      );
      stores.push(store);
      return store;
    },
    freshContainer: () => `${prefix}-${process.pid}-${++containers}`,
  };
}
