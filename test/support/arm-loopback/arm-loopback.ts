import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  type FlexibleServerSpec,
  flexibleServerBody,
  type JsonObject,
  type SingleServerSpec,
  singleServerBody,
} from './arm-examples.js';
import { endOperation } from './arm-handlers.js';
import {
  type ArmState,
  armError,
  dispatch,
  type Reply,
  type RestoreScript,
  type RouteName,
} from './arm-routes.js';
import { makeTestCertificate } from './test-certificate.js';

/**
 * A loopback HTTPS imitation of Azure Resource Manager for Microsoft.DBforPostgreSQL, for the real SDK
 * clients: Bearer token required, x-ms-request-id / x-ms-correlation-request-id on every answer,
 * long-running creates with Azure-AsyncOperation, per-route faults and a record of every request.
 */

export interface Fault {
  /** Answer with this status and an ARM error body; omit for a slow but normal answer. */
  status?: number;
  code?: string;
  message?: string;
  retryAfterSeconds?: number;
  delayMs?: number;
  /** How many requests the fault applies to (default: all). */
  times?: number;
}

export interface RecordedRequest {
  route?: RouteName;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body?: unknown;
}

const DEFAULT_CODES: Record<number, string> = {
  403: 'AuthorizationFailed',
  404: 'ResourceNotFound',
  409: 'Conflict',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  503: 'ServiceUnavailable',
};

export class ArmLoopback {
  readonly requests: RecordedRequest[] = [];
  private readonly faults = new Map<RouteName, Fault[]>();
  private readonly state: ArmState = {
    base: '',
    servers: new Map(),
    operations: new Map(),
    pageSize: 2,
    geoBackupDisabledRegions: new Set(),
    restoreScript: { pollsUntilDone: 1, retryAfterSeconds: 1 },
  };

  private constructor(
    private readonly server: Server,
    readonly ca: string,
  ) {}

  static async start(): Promise<ArmLoopback> {
    const { key, cert } = makeTestCertificate();
    let loopback: ArmLoopback | undefined;
    const server = createServer({ key, cert }, (req, res) => {
      loopback?.handle(req, res).catch(() => res.destroy());
    });
    loopback = new ArmLoopback(server, cert);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    loopback.state.base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return loopback;
  }

  get url(): string {
    return this.state.base;
  }

  addFlexibleServer(spec: FlexibleServerSpec): JsonObject {
    const body = flexibleServerBody(spec);
    this.state.servers.set(String(body.id).toLowerCase(), { model: 'flexible', body });
    return body;
  }

  addSingleServer(spec: SingleServerSpec): JsonObject {
    const body = singleServerBody(spec);
    this.state.servers.set(String(body.id).toLowerCase(), { model: 'single', body });
    return body;
  }

  /** Queue a fault for a route; several queue up in order. */
  fail(route: RouteName, fault: Fault): void {
    this.faults.set(route, [...(this.faults.get(route) ?? []), { ...fault }]);
  }

  scriptRestores(script: Partial<RestoreScript>): void {
    this.state.restoreScript = { ...this.state.restoreScript, ...script };
  }

  /**
   * Azure finishes a restore whether or not anyone polls it: every restore in progress ends now, with
   * the outcome its script says, and the next status poll reports it.
   */
  finishRestores(): void {
    for (const op of this.state.operations.values()) endOperation(this.state, op);
  }

  disableGeoBackupIn(region: string): void {
    this.state.geoBackupDisabledRegions.add(region.toLowerCase());
  }

  set pageSize(size: number) {
    this.state.pageSize = size;
  }

  count(route: RouteName): number {
    return this.requests.filter((r) => r.route === route).length;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private takeFault(route: RouteName): Fault | undefined {
    const queue = this.faults.get(route);
    const fault = queue?.[0];
    if (!queue || !fault) return undefined;
    fault.times = (fault.times ?? Number.POSITIVE_INFINITY) - 1;
    if (fault.times <= 0) queue.shift();
    return fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.state.base);
    const text = await readBody(req);
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    const found = dispatch(req.method ?? 'GET', url.pathname, url.searchParams, body, this.state);
    this.requests.push({
      ...(found ? { route: found.name } : {}),
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      ...(body === undefined ? {} : { body }),
    });
    const correlationId = headerValue(req.headers['x-ms-correlation-request-id']) ?? randomUUID();
    if (!/^Bearer \S+$/.test(req.headers.authorization ?? '')) {
      return send(
        res,
        armError(
          401,
          'AuthenticationFailed',
          "Authentication failed. The 'Authorization' header is missing.",
        ),
        correlationId,
      );
    }
    if (!found)
      return send(res, armError(404, 'InvalidResourceType', 'No route in this imitation.'), correlationId);
    const fault = this.takeFault(found.name);
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.status) {
      const retry =
        fault.retryAfterSeconds === undefined
          ? undefined
          : { 'Retry-After': String(fault.retryAfterSeconds) };
      const code = fault.code ?? DEFAULT_CODES[fault.status] ?? 'Error';
      return send(
        res,
        armError(fault.status, code, fault.message ?? `Injected ${code}.`, retry),
        correlationId,
      );
    }
    send(res, found.handle(), correlationId);
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply, correlationId: string): void {
  const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'x-ms-request-id': randomUUID(),
    'x-ms-correlation-request-id': correlationId,
    ...(payload ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
    'Content-Length': Buffer.byteLength(payload),
    ...reply.headers,
  });
  res.end(payload);
}
