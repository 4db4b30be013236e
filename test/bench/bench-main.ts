import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LevelStore } from '../../adapters/store/level-store.js';
import { buildCore } from '../../bot/build-core.js';
import { systemClock } from '../../bot/ports/clock.js';
import { silentLogger } from '../../bot/ports/logger.js';
import { uuidIds } from '../../bot/ports/uuid-ids.js';
import { benchMatcher } from './matcher-bench.js';
import { benchSlack } from './slack-bench.js';
import { benchTeams } from './teams-bench.js';

/**
 * `npm run bench`: prints figures; it asserts nothing (tests assert behaviour, benchmarks measure).
 * The channel figures are full bot turns: the real engine, knowledge and matcher behind each edge, on
 * the embedded store as `npm start` runs it.
 */
for (const line of benchMatcher()) console.log(line);
const dataDir = mkdtempSync(join(tmpdir(), 'georestore-bench-'));
const store = await LevelStore.open(join(dataDir, 'store'));
const { engine } = buildCore({
  store,
  clock: systemClock,
  ids: uuidIds,
  logger: silentLogger,
});
console.log('');
try {
  for (const line of await benchTeams({ handler: engine, store })) console.log(line);
  console.log('');
  for (const line of await benchSlack(engine, store)) console.log(line);
} finally {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
}
