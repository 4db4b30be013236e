import { loadConfig } from '../../../bot/load-config.js';
import { createLogger } from '../../../bot/logging/logger.js';
import type { Reply } from '../../../bot/model.js';
import { startBot } from '../../../bot/start-bot.js';

/**
 * The bot with its engine swapped for one that answers nothing: everything of a Slack turn up to the
 * engine and back (the shared HTTP server, the receiver's signature check and parsing, Bolt with the
 * bot's listeners and middlewares, the dedupe mark in the embedded store, an empty ack), and nothing
 * of the engine (matching, conversation state, rendering the answer). Set up from the environment as
 * the bot is, through the same `startBot`; only the Slack handler is injected. bench:load measures it
 * beside the bare Bolt app and the whole bot, so that the gap between the two splits into what the
 * edge costs and what answering costs.
 */
export async function startEdgeFloor(env: Record<string, string | undefined>) {
  const nothing: Reply[] = [];
  const bot = await startBot(loadConfig(env), {
    logger: createLogger({ level: 'silent' }),
    port: 0,
    slackHandler: { handle: async () => nothing },
  });
  return { port: bot.address.port, close: () => bot.close() };
}
