import { withBenchBot } from './bench-bot.js';
import { benchTeams } from './teams-bench.js';

/** `npm run bench:teams`: the Teams part of `npm run bench` on its own (full turns on the embedded store). */
await withBenchBot(async (engine, store) => {
  for (const line of await benchTeams({ handler: engine, store })) console.log(line);
});
