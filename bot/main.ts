import { loadConfig } from './load-config.js';
import { createLogger } from './logging/logger.js';
import { routeConsole } from './logging/route-console.js';
import { startBot } from './start-bot.js';

/** `npm start`: the HTTP server for Teams (and Slack when configured) on the embedded defaults. */
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const logger = createLogger({ level: config.core.logLevel });
routeConsole(console, logger);
const bot = await startBot(config, { logger });
bot.server.closeOn(['SIGTERM', 'SIGINT'], process, (error) => {
  Promise.resolve(bot.close())
    .catch((err: unknown) => logger.error({ err }, 'bot.closeFailed'))
    .finally(() => process.exit(error ? 1 : 0));
});
