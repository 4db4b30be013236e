import { readFileSync } from 'node:fs';
import { loadConfig } from '../../bot/load-config.js';
import { createLogger } from '../../bot/logging/logger.js';
import { startBot } from '../../bot/start-bot.js';
import { loopbackOps } from '../azure/loopback-ops.js';
import { cappedScheduler } from './capped-scheduler.js';

/**
 * One bot replica as a process, for the multi-replica tests: startBot with the configuration read from
 * the environment (so the store is whatever STORE says), the real Azure SDK clients pointed at the
 * test's loopback ARM (REPLICA_ARM_URL, its certificate in REPLICA_ARM_CA_FILE), and restore waits cut
 * to REPLICA_MAX_WAIT_MS. It logs JSON lines to stdout; `bot.started` carries its port.
 */
const env = process.env;
const config = loadConfig(env);
const logger = createLogger({ level: config.core.logLevel });
const arm = { url: env.REPLICA_ARM_URL ?? '', ca: readFileSync(env.REPLICA_ARM_CA_FILE ?? '', 'utf8') };
const bot = await startBot(config, {
  logger,
  ops: loopbackOps(arm).ops,
  port: 0,
  scheduler: cappedScheduler(Number(env.REPLICA_MAX_WAIT_MS ?? 100)),
});
bot.server.closeOn(['SIGTERM'], process, () => {
  void bot.close().finally(() => process.exit(0));
});
