import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createSlackEdge, type SlackEdge } from '../../adapters/slack/create-slack-edge.js';
import { MemoryStore } from '../../adapters/store/memory-store.js';
import type { TurnHandler } from '../../bot/model.js';
import { type Logger, silentLogger } from '../../bot/ports/logger.js';
import { SlackApiStub } from '../support/slack-api-stub.js';
import { SIGNING_SECRET } from '../support/slack-requests.js';

export const BOT_TOKEN = 'xoxb-test-0000-secret-token';

export interface Harness {
  url: string;
  stub: SlackApiStub;
  edge: SlackEdge;
  store: MemoryStore;
  sleeps: number[];
  close(): Promise<void>;
}

/**
 * The Slack edge as production runs it: the real Bolt App and our receiver mounted on an express
 * app listening on a real port, talking to a loopback Slack Web API.
 */
export async function startHarness(
  handler: TurnHandler,
  options: { logger?: Logger; bodyLimitBytes?: number } = {},
): Promise<Harness> {
  const stub = await new SlackApiStub().start();
  const store = new MemoryStore();
  const sleeps: number[] = [];
  const edge = createSlackEdge({
    config: { mode: 'http', botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: stub.apiUrl },
    handler,
    store,
    logger: options.logger ?? silentLogger,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
  });
  const app = express();
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  edge.mount(app);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    stub,
    edge,
    store,
    sleeps,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stub.close();
    },
  };
}
