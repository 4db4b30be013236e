import { benchStores } from './store-bench.js';

/** `npm run bench:store`: store latency, embedded against shared; prints figures, asserts nothing. */
for (const line of await benchStores()) console.log(line);
