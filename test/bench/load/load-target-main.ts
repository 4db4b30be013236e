/**
 * One server under load, in its own process so that its resident memory is its own: the bot as
 * `npm start` runs it (configured from the environment), or a bare-framework baseline. It tells its
 * parent the port it listens on, answers `rss` with its resident memory and the CPU time it has used, and exits on `stop`.
 * Each kind imports only what it runs, so a baseline's memory is not inflated by the bot's modules.
 */
type Target = { port: number; close: () => Promise<void> };

async function start(kind: string | undefined): Promise<Target> {
  if (kind === 'bot') {
    const { loadConfig } = await import('../../../bot/load-config.js');
    const { createLogger } = await import('../../../bot/logger.js');
    const { startBot } = await import('../../../bot/start-bot.js');
    const config = loadConfig(process.env);
    const bot = await startBot(config, { logger: createLogger({ level: config.core.logLevel }), port: 0 });
    return { port: bot.address.port, close: () => bot.close() };
  }
  if (kind === 'bare-teams') {
    const { startEchoBot } = await import('../bare-echo-bot.js');
    const echo = await startEchoBot();
    return { port: Number(new URL(echo.url).port), close: echo.close };
  }
  if (kind === 'bare-slack') {
    const { startBareBolt } = await import('../bare-bolt-app.js');
    const bare = await startBareBolt(process.env.SLACK_API_URL ?? '');
    const address = bare.server.address();
    return {
      port: typeof address === 'object' && address ? address.port : 0,
      close: () => bare.receiver.stop(),
    };
  }
  throw new Error(`unknown load target ${kind}`);
}

const target = await start(process.argv[2]);
process.send?.({ ready: true, port: target.port });
process.on('message', (message: unknown) => {
  if (message === 'rss') {
    const cpu = process.cpuUsage();
    process.send?.({ rss: process.memoryUsage().rss, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
  if (message === 'stop') void target.close().finally(() => process.exit(0));
});
