import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the stub received: a Web API method call or a POST to a response_url. */
export interface StubCall {
  method: string;
  args: Record<string, unknown>;
  /** The Authorization header, to check where the token went. */
  authorization?: string;
  status: number;
}

type Waiter = { check: () => boolean; resolve: () => void };

/**
 * A loopback Slack Web API: answers like Slack for the methods the bot uses, records every call
 * (blocks decoded from JSON), serves response_url POSTs under /respond/<id>, and can answer 429 with
 * Retry-After for the next calls of a method.
 */
export class SlackApiStub {
  readonly calls: StubCall[] = [];
  private server: Server | undefined;
  private tsCounter = 0;
  private readonly limited = new Map<string, { times: number; status: number; retryAfter?: number }>();
  private waiters: Waiter[] = [];
  /** Called with every call as it is recorded (benchmarks time deliveries with it). */
  onCall: ((call: StubCall) => void) | undefined;
  readonly identity = { user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'georestore' };
  /** Profiles users.info answers with; any other id is `user_not_found`, as in Slack. */
  readonly users = new Map<string, { name: string; real_name?: string; display_name?: string }>();
  /** Channels the bot is not a member of: posting there fails with `not_in_channel`, as in Slack. */
  readonly notMemberOf = new Set<string>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.serve(req).then(({ status, body, headers }) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get baseUrl(): string {
    if (!this.server) throw new Error('the stub is not started');
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.baseUrl}/respond/${id}`;
  }

  /** The next `times` calls of `method` get 429 with `Retry-After: retryAfter`. */
  rateLimit(method: string, retryAfter: number, times = 1): void {
    this.limited.set(method, { times, status: 429, retryAfter });
  }

  /** The next `times` calls of `method` get `status` (a 5xx, as when Slack has an outage). */
  fail(method: string, status: number, times = 1): void {
    this.limited.set(method, { times, status });
  }

  /** Calls that Slack carried out (not the rate-limited attempts). */
  accepted(method: string): StubCall[] {
    return this.calls.filter((c) => c.method === method && c.status === 200);
  }

  /** Messages that landed anywhere: posted, ephemeral, updated or via a response_url. */
  delivered(): StubCall[] {
    return this.calls.filter((c) => c.status === 200 && c.method !== 'auth.test');
  }

  /** Resolves once the recorded calls satisfy `check`. */
  until(check: (stub: this) => boolean): Promise<void> {
    if (check(this)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ check: () => check(this), resolve }));
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async serve(req: IncomingMessage) {
    const raw = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString()));
    });
    const url = req.url ?? '';
    const method = url.startsWith('/respond/')
      ? `respond:${url.slice('/respond/'.length)}`
      : url.replace(/^\/api\//, '');
    const args = decode(raw, req.headers['content-type']);
    const limit = this.limited.get(method);
    let reply: { status: number; body: unknown; headers?: Record<string, string> };
    if (limit && limit.times > 0) {
      limit.times -= 1;
      reply = {
        status: limit.status,
        body: { ok: false, error: limit.status === 429 ? 'ratelimited' : 'fatal_error' },
        ...(limit.retryAfter !== undefined ? { headers: { 'retry-after': String(limit.retryAfter) } } : {}),
      };
    } else {
      reply = { status: 200, body: this.answer(method, args) };
    }
    const call: StubCall = { method, args, status: reply.status };
    if (req.headers.authorization) call.authorization = req.headers.authorization;
    this.calls.push(call);
    this.onCall?.(call);
    const done = this.waiters.filter((w) => w.check());
    this.waiters = this.waiters.filter((w) => !done.includes(w));
    for (const w of done) w.resolve();
    return reply;
  }

  private answer(method: string, args: Record<string, unknown>): unknown {
    if (method.startsWith('respond:')) return { ok: true };
    if (this.notMemberOf.has(String(args.channel)) && method.startsWith('chat.post'))
      return { ok: false, error: 'not_in_channel' };
    const ts = () => `1767000000.${String(++this.tsCounter).padStart(6, '0')}`;
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://example.slack.com/', team: 'Example', ...this.identity };
      case 'chat.postMessage': {
        const messageTs = ts();
        return { ok: true, channel: args.channel, ts: messageTs, message: { ...args, ts: messageTs } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: ts() };
      case 'users.info': {
        const user = this.users.get(String(args.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        const { name, real_name = '', display_name = '' } = user;
        return { ok: true, user: { id: args.user, name, real_name, profile: { real_name, display_name } } };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'chat.delete':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'assistant.threads.setStatus':
        return { ok: true };
      case 'views.publish':
        return { ok: true, view: { id: 'V1', type: 'home', ...(args.view as object) } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function decode(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.startsWith('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = key === 'blocks' || key === 'attachments' ? JSON.parse(value) : value;
  }
  return args;
}
