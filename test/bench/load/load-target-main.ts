/**
 * A bare-framework baseline under load, in its own process so that its resident memory is its own
 * (the bot itself runs as `npm start` runs it; see load-target.ts). It tells its parent the port it
 * listens on and stops on SIGTERM. Each kind imports only what it runs.
 */
type Target = { port: number; close: () => Promise<void> };

async function start(kind: string | undefined): Promise<Target> {
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
      close: async () => {
        await bare.stop();
      },
    };
  }
  if (kind === 'slack-edge-floor') {
    const { startEdgeFloor } = await import('./edge-floor.js');
    return startEdgeFloor(process.env);
  }
  throw new Error(`unknown load target ${kind}`);
}

const target = await start(process.argv[2]);
process.send?.({ ready: true, port: target.port });
process.once('SIGTERM', () => void target.close().finally(() => process.exit(0)));
