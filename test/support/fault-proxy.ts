import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does to one request: answer it with an error status itself (the upstream never
 * sees it), or forward it and then drop the connection before the answer reaches the client (the
 * upstream did the work; the client cannot know).
 */
export type Fault = { status: number; errorCode?: string } | 'lose-answer';

export interface ProxiedRequest {
  method: string;
  url: string;
  /** The status the client saw, or 'lost'. */
  outcome: number | 'lost';
}

/**
 * An HTTP proxy in front of a loopback service (Azurite, the Slack or Bot Connector stubs) that injects
 * faults into the requests a test picks, so a test can make a store or an API fail in the middle of a flow.
 */
export class FaultProxy {
  readonly requests: ProxiedRequest[] = [];
  private readonly faults: Array<{ match: (req: IncomingMessage) => boolean; fault: Fault }> = [];
  private server?: Server;
  /** The proxy's origin once started; swap it for the upstream's in a URL or connection string. */
  origin = '';

  constructor(private readonly upstream: string) {}

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const index = this.faults.findIndex((f) => f.match(req));
      const fault = index >= 0 ? this.faults.splice(index, 1)[0]?.fault : undefined;
      const record = (outcome: number | 'lost') =>
        this.requests.push({ method: req.method ?? '', url: req.url ?? '', outcome });
      if (fault !== undefined && fault !== 'lose-answer') {
        req.resume();
        record(fault.status);
        res.writeHead(fault.status, fault.errorCode ? { 'x-ms-error-code': fault.errorCode } : {});
        res.end();
        return;
      }
      const target = new URL(req.url ?? '/', this.upstream);
      const out = request(
        target,
        { method: req.method, headers: { ...req.headers, host: target.host } },
        (up) => {
          if (fault === 'lose-answer') {
            up.resume();
            up.once('end', () => {
              record('lost');
              req.socket.destroy();
            });
            return;
          }
          record(up.statusCode ?? 0);
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      out.once('error', () => res.destroy());
      req.pipe(out);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  /** The next request that `match` accepts gets `fault`; faults queue in the order given. */
  inject(fault: Fault, match: (req: IncomingMessage) => boolean = () => true): void {
    this.faults.push({ match, fault });
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
