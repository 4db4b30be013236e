import { withBenchBot } from './bench-bot.js';
import { benchMatcher } from './matcher-bench.js';
import { benchSlack } from './slack-bench.js';
import { benchTeams } from './teams-bench.js';

/**
 * `npm run bench`: prints figures; it asserts nothing (tests assert behaviour, benchmarks measure).
 * The channel figures are full bot turns: the real engine, knowledge and matcher behind each edge, on
 * the embedded store as `npm start` runs it.
 */
for (const line of benchMatcher()) console.log(line);
console.log('');
await withBenchBot(async (engine, store) => {
  for (const line of await benchTeams({ handler: engine, store })) console.log(line);
  console.log('');
  for (const line of await benchSlack(engine, store)) console.log(line);
});
