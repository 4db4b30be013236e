import { MemoryStore } from '../../adapters/store/memory-store.js';
import { buildCore } from '../../bot/build-core.js';
import { systemClock } from '../../bot/ports/clock.js';
import { silentLogger } from '../../bot/ports/logger.js';
import { uuidIds } from '../../bot/ports/uuid-ids.js';
import { benchMatcher } from './matcher-bench.js';
import { benchSlack } from './slack-bench.js';
import { benchTeams } from './teams-bench.js';

/**
 * `npm run bench`: prints figures; it asserts nothing (tests assert behaviour, benchmarks measure).
 * The channel figures are full bot turns: the real engine, knowledge and matcher behind each edge.
 */
for (const line of benchMatcher()) console.log(line);
const { engine } = buildCore({
  store: new MemoryStore(),
  clock: systemClock,
  ids: uuidIds,
  logger: silentLogger,
});
console.log('');
for (const line of await benchTeams({ handler: engine })) console.log(line);
console.log('');
for (const line of await benchSlack(engine)) console.log(line);
