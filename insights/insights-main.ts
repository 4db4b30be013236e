import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LevelStore } from '../adapters/store/level-store.js';
import { isBotError } from '../bot/errors.js';
import { loadConfig } from '../bot/load-config.js';
import { openStore } from '../bot/open-store.js';
import { systemClock } from '../bot/ports/clock.js';
import { silentLogger } from '../bot/ports/logger.js';
import { timerScheduler } from '../bot/ports/scheduler.js';
import { readTicket } from '../dialogs/handoff/index.js';
import { defaultKnowledgeDir, loadKnowledge } from '../knowledge/load-knowledge.js';
import { Matcher } from '../knowledge/matcher.js';
import { type ChannelFilter, channelFilters } from './report/build-report.js';
import { InsightsReader } from './report/insights-reader.js';
import { reportText } from './report/report-text.js';

/**
 * `npm run insights -- [--days 30] [--channel all|teams|slack|console] [--json] [--draft <group id>] [--console]`:
 * the insights page's report in a terminal, read from the store the configuration names (the embedded
 * one can be read only while the bot is stopped: LevelDB allows one process); `--console` reads the
 * store of `npm run chat` instead.
 */
async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      days: { type: 'string', default: '30' },
      channel: { type: 'string', default: 'all' },
      json: { type: 'boolean', default: false },
      draft: { type: 'string' },
      console: { type: 'boolean', default: false },
    },
  });
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    process.stderr.write('--days must be a whole number of days from 1 to 3650\n');
    return 2;
  }
  if (!(channelFilters as readonly string[]).includes(values.channel)) {
    process.stderr.write(`--channel must be one of ${channelFilters.join(', ')}\n`);
    return 2;
  }
  const config = loadConfig(process.env);
  // `npm run chat` keeps its own embedded store (DATA_DIR/console), apart from the bot's.
  const opened = values.console
    ? await (async () => {
        const store = await LevelStore.open(resolve(config.core.dataDir, 'console'));
        return { store, close: () => store.close() };
      })()
    : await openStore(config, { clock: systemClock, logger: silentLogger, scheduler: timerScheduler });
  try {
    const matcher = Matcher.build(loadKnowledge(defaultKnowledgeDir));
    const reader = new InsightsReader({
      store: opened.store,
      clock: systemClock,
      knowledge: matcher,
      readTicket: (id) => readTicket(opened.store, id),
    });
    const channel = values.channel as ChannelFilter;
    if (values.draft) {
      const draft = await reader.clusterDraft(days, channel, values.draft);
      if (!draft) {
        process.stderr.write('no group with that id in the period (run without --draft to see the groups)\n');
        return 1;
      }
      process.stdout.write(draft.yaml);
      return 0;
    }
    const report = await reader.report(days, channel);
    process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : reportText(report));
    return 0;
  } finally {
    await opened.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const why = isBotError(err) ? `${err.code}: ${err.message}` : String(err);
    process.stderr.write(`insights: ${why}\n`);
    process.exit(1);
  },
);
