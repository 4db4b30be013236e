/**
 * `npm run kb:check`: checks the knowledge base before a pull request (see checkKnowledge) and prints
 * every problem as "file: field: what is wrong"; exits 1 when there is one.
 *   --online         also follows every link and reports redirects, dead pages and links it cannot reach
 *   --today DATE     the date the staleness of `reviewed` is measured against (default: today, UTC)
 *   --dir FOLDER     the knowledge folder to check (default: this one)
 * Exit codes: 0 no problem, 1 problems, 2 bad usage or (online) no link could be reached at all.
 */
import { parseArgs } from 'node:util';
import { checkKnowledge } from './check-knowledge.js';
import { checkLinksOnline } from './check-links-online.js';
import { defaultKnowledgeDir } from './load-knowledge.js';

function usage(message: string): never {
  console.error(`kb:check: ${message}`);
  console.error('usage: npm run kb:check -- [--online] [--today YYYY-MM-DD] [--dir knowledge-folder]');
  process.exit(2);
}

let values: { online?: boolean; today?: string; dir?: string };
try {
  ({ values } = parseArgs({
    options: { online: { type: 'boolean' }, today: { type: 'string' }, dir: { type: 'string' } },
  }));
} catch (err) {
  usage((err as Error).message);
}
const today = values.today ?? new Date().toISOString().slice(0, 10);
let result: ReturnType<typeof checkKnowledge>;
try {
  result = checkKnowledge(values.dir ?? defaultKnowledgeDir, today);
} catch (err) {
  usage((err as Error).message);
}
for (const p of result.problems) console.log(p);
console.log(
  `kb:check: ${result.entries} entries, ${result.neighbours} neighbours, ${result.products} other products, ` +
    `${result.links.length} links, seeds ${result.seeds.join(', ') || 'none'}, reviewed against ${today}: ` +
    `${result.problems.length === 0 ? 'no problem' : `${result.problems.length} problem(s)`}`,
);
let code = result.problems.length > 0 ? 1 : 0;

if (values.online) {
  console.log('kb:check --online: following every link (redirects are followed one hop at a time)…');
  const online = await checkLinksOnline(result.links, { fetch: globalThis.fetch });
  const offline = online.checked > 0 && online.unreachable === online.checked;
  // With no network every link fails the same way: one line says so instead of one per link.
  if (!offline) for (const p of online.problems) console.log(p);
  if (offline) {
    console.log(
      `kb:check --online: none of the ${online.checked} links could be reached (${online.firstFailure}). ` +
        'Is this machine offline or behind a proxy? Nothing was learned about the links.',
    );
    code = Math.max(code, 2);
  } else {
    console.log(
      `kb:check --online: ${online.checked} distinct links, ${online.problems.length} problem(s), ` +
        `${online.unreachable} could not be reached`,
    );
    if (online.problems.length > 0) code = Math.max(code, 1);
  }
}
process.exit(code);
