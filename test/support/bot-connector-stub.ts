import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: 'POST' | 'PUT';
  /** Decoded; a channel reply chain keeps its `;messageid=`. */
  conversationId: string;
  /** The activity replied to (POST …/activities/{id}) or updated (PUT). */
  activityId?: string;
  activity: Record<string, unknown>;
  authorization?: string;
  /** What the stub answered. */
  status: number;
}

interface Failure {
  status: number;
  times: number;
  retryAfter?: string;
}

/**
 * A loopback Bot Connector: records what the bot POSTs and PUTs under /v3/conversations, answers like
 * the real one (`{ id }`), and can be told to answer 429/502/… for the next calls.
 */
export class BotConnectorStub {
  readonly calls: ConnectorCall[] = [];
  private server: Server | undefined;
  private failures: Failure[] = [];
  private waiters: Array<() => void> = [];
  private nextId = 1;

  get serviceUrl(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('connector stub is not started');
    return `http://127.0.0.1:${address.port}/`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next `times` calls answer `status` (and Retry-After, if given). */
  failNext(status: number, times: number, retryAfter?: string): void {
    this.failures.push({ status, times, ...(retryAfter !== undefined ? { retryAfter } : {}) });
  }

  /** Messages (not typing) that the stub accepted. */
  messages(): ConnectorCall[] {
    return this.calls.filter((c) => c.status < 300 && c.method === 'POST' && c.activity.type === 'message');
  }

  updates(): ConnectorCall[] {
    return this.calls.filter((c) => c.status < 300 && c.method === 'PUT');
  }

  /** Resolves once a recorded call satisfies the predicate. */
  async waitFor(predicate: (calls: ConnectorCall[]) => boolean): Promise<void> {
    while (!predicate(this.calls)) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://stub');
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
      res.statusCode = 404;
      res.end();
      return;
    }
    const failure = this.failures[0];
    const status = failure ? failure.status : 200;
    if (failure && --failure.times <= 0) this.failures.shift();
    const [, conversation = '', activityId] = match;
    this.calls.push({
      method: req.method,
      conversationId: decodeURIComponent(conversation),
      ...(activityId ? { activityId: decodeURIComponent(activityId) } : {}),
      activity: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      status,
    });
    for (const wake of this.waiters.splice(0)) wake();
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    if (failure?.retryAfter !== undefined) res.setHeader('retry-after', failure.retryAfter);
    if (status >= 300) {
      res.end(JSON.stringify({ error: { code: 'ServiceError', message: `stub answered ${status}` } }));
      return;
    }
    const id = req.method === 'PUT' && activityId ? decodeURIComponent(activityId) : `msg-${this.nextId++}`;
    res.end(JSON.stringify({ id }));
  }
}
