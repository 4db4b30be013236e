import type { Server } from 'node:http';
import { App, type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import { SIGNING_SECRET } from '../support/slack-requests.js';

const TOKEN = 'xoxb-bench-token';

const quietBolt: BoltLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => LogLevel.ERROR,
  setName() {},
};

/**
 * The reference: a bare Bolt app that only acknowledges /georestore, set up as Bolt's own docs start
 * one (`new App({ token, signingSecret })`, so on Bolt's default HTTPReceiver). It is the stronger of
 * Bolt's two HTTP receivers: in alternating runs on 2026-12-06 it answered 3,458-4,192 req/s where the
 * same app on an ExpressReceiver answered 2,357-2,912, which is what this baseline used before.
 */
export async function startBareBolt(apiUrl: string, port = 0) {
  const app = new App({
    token: TOKEN,
    signingSecret: SIGNING_SECRET,
    logger: quietBolt,
    clientOptions: { slackApiUrl: apiUrl },
  });
  app.command('/georestore', async ({ ack }) => ack());
  const server = (await app.start(port)) as Server;
  return { server, stop: () => app.stop() };
}
