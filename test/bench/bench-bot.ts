import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LevelStore } from '../../adapters/store/level-store.js';
import { buildCore } from '../../bot/build-core.js';
import type { TurnHandler } from '../../bot/model.js';
import { systemClock } from '../../bot/ports/clock.js';
import { silentLogger } from '../../bot/ports/logger.js';
import type { Store } from '../../bot/ports/store.js';
import { uuidIds } from '../../bot/ports/uuid-ids.js';

/**
 * What the channel benchmarks put behind each edge: the real engine, knowledge and matcher on the
 * embedded store, as `npm start` runs them, in a temporary folder removed afterwards.
 */
export async function withBenchBot<T>(run: (engine: TurnHandler, store: Store) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'georestore-bench-'));
  const store = await LevelStore.open(join(dataDir, 'store'));
  try {
    const { engine } = buildCore({ store, clock: systemClock, ids: uuidIds, logger: silentLogger });
    return await run(engine, store);
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
