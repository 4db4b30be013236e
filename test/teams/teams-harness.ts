import { MemoryStore } from '../../adapters/store/memory-store.js';
import {
  createTeamsEdge,
  type TeamsEdge,
  type TeamsEdgeOptions,
} from '../../adapters/teams/create-teams-edge.js';
import type { TeamsConfig } from '../../bot/config/teams.js';
import { createHttpServer, type HttpServer } from '../../bot/http/http-server.js';
import { silentLogger } from '../../bot/ports/logger.js';
import { BotConnectorStub } from '../support/bot-connector-stub.js';
import { sequentialIds } from '../support/manual-clock.js';
import { ScriptedHandler } from './scripted-handler.js';

export interface TeamsBot {
  url: string;
  connector: BotConnectorStub;
  handler: ScriptedHandler;
  edge: TeamsEdge;
  server: HttpServer;
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export const localConfig: TeamsConfig = { mode: 'local', port: 0, host: '127.0.0.1' };

/** The real HTTP server with the real Teams edge, against a loopback Bot Connector. */
export async function startTeamsBot(
  options: Partial<TeamsEdgeOptions> & { handler?: ScriptedHandler } = {},
): Promise<TeamsBot> {
  const connector = await new BotConnectorStub().start();
  const { handler = new ScriptedHandler(), ...edgeOptions } = options;
  const edge = createTeamsEdge({
    config: localConfig,
    store: new MemoryStore(),
    logger: silentLogger,
    ids: sequentialIds('card'),
    typingDelayMs: 600_000,
    ...edgeOptions,
    retry: { sleep: async () => {}, ...options.retry },
  });
  const server = createHttpServer({ logger: silentLogger, mounts: [edge.serve(handler)] });
  const address = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    connector,
    handler,
    edge,
    server,
    async post(body, headers = {}) {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? safeJson(text) : undefined };
    },
    async close() {
      await server.close();
      await connector.stop();
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The Adaptive Card of a recorded connector call. */
export function cardOf(activity: Record<string, unknown>): Record<string, unknown> {
  const attachments = activity.attachments as Array<{
    contentType: string;
    content: Record<string, unknown>;
  }>;
  const first = attachments?.[0];
  if (first?.contentType !== 'application/vnd.microsoft.card.adaptive')
    throw new Error('not an Adaptive Card');
  return first.content;
}

/** Every action of a card (top level and in ActionSets), in order. */
export function actionsOf(card: Record<string, unknown>): Array<Record<string, unknown>> {
  const body = (card.body as Array<Record<string, unknown>>) ?? [];
  return body.flatMap((e) => (e.type === 'ActionSet' ? (e.actions as Array<Record<string, unknown>>) : []));
}

export function textsOf(card: Record<string, unknown>): string[] {
  const body = (card.body as Array<Record<string, unknown>>) ?? [];
  return body.filter((e) => e.type === 'TextBlock').map((e) => e.text as string);
}
