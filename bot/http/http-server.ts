import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../ports/logger.js';
import { sendJson } from './http-body.js';

/** A plain Node request handler: it reads its own body and writes its own response. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Where a channel adds its endpoint (and the insights page its pages). */
export interface Routes {
  post(path: string, handler: NodeHandler): void;
  get(path: string, handler: NodeHandler): void;
}

/** Adds a channel's endpoint (Teams `POST /api/messages`, Slack `POST /slack/events`) to the shared server. */
export type Mount = (routes: Routes) => void;

export interface HttpServerOptions {
  logger: Logger;
  mounts?: Mount[];
  /** `GET /readyz` answers 200 only while this passes (knowledge loaded, store open). */
  ready?: () => boolean | Promise<boolean>;
  /** How long a shutdown waits for in-flight requests before cutting them off. */
  drainTimeoutMs?: number;
}

export interface HttpServer {
  /** Resolves once listening; port 0 picks a free port (see the returned address). */
  listen(port: number, host?: string): Promise<AddressInfo>;
  /** Stops accepting, lets in-flight requests (whole bot turns) finish, then closes. Idempotent. */
  close(): Promise<void>;
  /** Calls `close` on the first of the signals, then `onClosed` (where main exits). */
  closeOn(
    signals: NodeJS.Signals[],
    events: Pick<NodeJS.Process, 'once'>,
    onClosed: (error?: unknown) => void,
  ): void;
  inFlight(): number;
}

/**
 * The one HTTP server of the bot, on node:http with an exact-path route table: `GET /healthz`,
 * `GET /readyz` and the channels' POST endpoints; anything else is a JSON 404. Channels read and
 * check their own bodies (Slack verifies a signature over the raw bytes), so nothing here parses one.
 */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const log = options.logger.child({ component: 'http' });
  let draining = false;
  let active = 0;
  const idleWaiters: Array<() => void> = [];

  const routes = new Map<string, NodeHandler>();
  routes.set('GET /healthz', (_req, res) => sendJson(res, 200, { status: 'ok' }));
  routes.set('GET /readyz', (_req, res) => {
    void check(options.ready, log).then((passing) => {
      const ready = passing && !draining;
      sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' });
    });
  });
  const channelRoutes: Routes = {
    post: (path, handler) => {
      routes.set(`POST ${path}`, handler);
    },
    get: (path, handler) => {
      routes.set(`GET ${path}`, handler);
    },
  };
  for (const mount of options.mounts ?? []) mount(channelRoutes);

  /** Every request: refused while draining, else counted until its response ends, then routed. */
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    if (draining) {
      res.setHeader('connection', 'close');
      sendJson(res, 503, { error: 'shutting down' });
      return;
    }
    active++;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      active--;
      if (active === 0) for (const wake of idleWaiters.splice(0)) wake();
    };
    res.once('finish', finish);
    res.once('close', finish);
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const handler = routes.get(`${req.method} ${query < 0 ? url : url.slice(0, query)}`);
    if (handler) handler(req, res);
    else {
      req.resume();
      sendJson(res, 404, { error: 'not found' });
    }
  };

  const server: Server = createServer(serve);
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  let closing: Promise<void> | undefined;

  const waitForIdle = (timeoutMs: number) =>
    new Promise<void>((resolve) => {
      if (active === 0) return resolve();
      const timer = setTimeout(() => {
        log.warn({ inFlight: active }, 'http.drain.timeout');
        server.closeAllConnections();
        resolve();
      }, timeoutMs);
      timer.unref();
      idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });

  const close = () => {
    closing ??= (async () => {
      draining = true;
      log.info({ inFlight: active }, 'http.draining');
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await waitForIdle(options.drainTimeoutMs ?? 25_000);
      server.closeIdleConnections();
      await stopped;
      log.info({}, 'http.closed');
    })();
    return closing;
  };

  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          log.info({ port: address.port, host: address.address }, 'http.listening');
          resolve(address);
        });
      }),
    close,
    closeOn(signals, events, onClosed) {
      for (const signal of signals) {
        events.once(signal, () => {
          log.info({ signal }, 'http.signal');
          close().then(() => onClosed(), onClosed);
        });
      }
    },
    inFlight: () => active,
  };
}

async function check(ready: HttpServerOptions['ready'], log: Logger): Promise<boolean> {
  if (!ready) return true;
  try {
    return await ready();
  } catch (err) {
    log.warn({ err }, 'http.readiness.failed');
    return false;
  }
}
