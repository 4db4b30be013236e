import { benchTeams } from './teams-bench.js';

/** `npm run bench:teams`: the Teams part of `npm run bench` on its own. */
for (const line of await benchTeams()) console.log(line);
