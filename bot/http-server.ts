import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from './ports/logger.js';

/** A plain Node request handler: it reads its own body and writes its own response. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Routes served by a plain Node handler ahead of express, for endpoints that need nothing of it (the
 * Slack endpoint reads and verifies its own raw body): no router walk and no request decoration.
 */
export interface DirectRoutes {
  post(path: string, handler: NodeHandler): void;
}

/**
 * Adds a channel's routes to the shared server: through express (Teams `POST /api/messages`) or
 * directly (Slack `POST /slack/events`).
 */
export type Mount = (app: Express, direct: DirectRoutes) => void;

export interface HttpServerOptions {
  logger: Logger;
  mounts?: Mount[];
  /** `GET /readyz` answers 200 only while this passes (knowledge loaded, store open). */
  ready?: () => boolean | Promise<boolean>;
  /** How long a shutdown waits for in-flight requests before cutting them off. */
  drainTimeoutMs?: number;
}

export interface HttpServer {
  app: Express;
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
 * The one HTTP server of the bot. Channels own their body parsing (Slack verifies a signature over the
 * raw bytes), so nothing here parses bodies; every body-parser error that reaches the final handler
 * becomes a 4xx with a short reason and the process stays up.
 */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const log = options.logger.child({ component: 'http' });
  const app = express();
  app.disable('x-powered-by');
  let draining = false;
  let active = 0;
  const idleWaiters: Array<() => void> = [];

  const direct = new Map<string, NodeHandler>();
  const directRoutes: DirectRoutes = {
    post: (path, handler) => {
      direct.set(`POST ${path}`, handler);
    },
  };

  /** Every request, direct or through express: refused while draining, else counted until it ends. */
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    if (draining) {
      res.writeHead(503, { connection: 'close', 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: 'shutting down' }));
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
    const handler = direct.get(`${req.method} ${query < 0 ? url : url.slice(0, query)}`);
    if (handler) handler(req, res);
    else app(req, res);
  };

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = !draining && (await check(options.ready, log));
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready' });
  });

  for (const mount of options.mounts ?? []) mount(app, directRoutes);

  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = clientStatus(err);
    if (status === undefined) log.error({ err, path: req.path }, 'http.request.failed');
    else log.warn({ status, path: req.path, reason: errorType(err) }, 'http.request.rejected');
    if (res.headersSent) return;
    res.status(status ?? 500).json({ error: status === undefined ? 'internal error' : reasonFor(status) });
  });

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
    app,
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

/** body-parser errors carry a 4xx `status` and a `type` such as `entity.parse.failed`. */
function clientStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown; statusCode?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function errorType(err: unknown): string | undefined {
  const type = (err as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : undefined;
}

function reasonFor(status: number): string {
  switch (status) {
    case 400:
      return 'malformed request body';
    case 413:
      return 'request body too large';
    case 415:
      return 'unsupported content type or encoding';
    default:
      return 'bad request';
  }
}
