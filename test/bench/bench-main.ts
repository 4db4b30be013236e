import { benchMatcher } from './matcher-bench.js';

/** `npm run bench`: prints figures; it asserts nothing (tests assert behaviour, benchmarks measure). */
for (const line of benchMatcher()) console.log(line);
