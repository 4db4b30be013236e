import type { Server } from 'node:http';
import { App, type Logger as BoltLogger, ExpressReceiver, LogLevel } from '@slack/bolt';
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

/** The reference: a bare Bolt app on its own ExpressReceiver that only acknowledges /georestore. */
export async function startBareBolt(apiUrl: string, port = 0) {
  const receiver = new ExpressReceiver({ signingSecret: SIGNING_SECRET, logger: quietBolt });
  const app = new App({ token: TOKEN, receiver, logger: quietBolt, clientOptions: { slackApiUrl: apiUrl } });
  app.command('/georestore', async ({ ack }) => ack());
  const server = (await receiver.start(port)) as Server;
  return { receiver, server };
}
