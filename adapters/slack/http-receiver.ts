import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Receiver } from '@slack/bolt';
import { readBody } from '../../bot/http/http-body.js';
import type { NodeHandler } from '../../bot/http/http-server.js';
import type { Clock } from '../../bot/ports/clock.js';
import type { Logger } from '../../bot/ports/logger.js';
import { optional } from '../../bot/util/optional.js';
import { envelopeProblem } from './envelope-problem.js';
import { isSslCheck, parseSlackBody } from './parse-slack-body.js';

export interface HttpReceiverOptions {
  signingSecret: string;
  clock: Clock;
  logger: Logger;
  /** Largest body accepted; Slack's own payloads stay far below the default. */
  bodyLimitBytes?: number;
}

const MAX_SKEW_SECONDS = 5 * 60;
/** `v0=` and the hex of an HMAC-SHA256. */
const SIGNATURE = /^v0=([0-9a-f]{64})$/;

/**
 * Bolt's transport for the Events API, slash commands and interactivity on one URL. It owns the HTTP
 * side only: read the body within a limit, check the v0 signature and its timestamp, parse strictly,
 * answer `url_verification`, then hand the payload to Bolt with an `ack` that sends the response.
 * Nothing runs for a request that fails a check, and every failure is a 4xx with a reason.
 */
export class SlackHttpReceiver implements Receiver {
  private app: App | undefined;
  private readonly bodyLimit: number;
  /** The signing secret imported once, not on every request. */
  private readonly signingKey: KeyObject;

  constructor(private readonly options: HttpReceiverOptions) {
    this.bodyLimit = options.bodyLimitBytes ?? 1024 * 1024;
    this.signingKey = createSecretKey(Buffer.from(options.signingSecret, 'utf8'));
  }

  init(app: App): void {
    this.app = app;
  }

  /** The shared HTTP server listens; this receiver only answers requests it is given. */
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  readonly handle: NodeHandler = (req, res) => {
    this.dispatch(req, res).catch((error: unknown) => {
      this.options.logger.error({ err: errorName(error) }, 'slack.request.failed');
      if (!res.headersSent) reply(res, 500, { ok: false, error: 'internal error' });
    });
  };

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reject = (status: number, error: string) => {
      this.options.logger.warn({ status, reason: error }, 'slack.request.rejected');
      reply(res, status, { ok: false, error });
    };
    if (req.method !== 'POST') return reject(405, 'use POST');
    // A body parser mounted in front of this route would have eaten the bytes the signature covers.
    if (req.readableEnded) return reject(500, 'request body was consumed before the Slack route');
    const raw = await readBody(req, this.bodyLimit);
    if (raw === 'too-large') return reject(413, `body exceeds ${this.bodyLimit} bytes`);
    const contentType = req.headers['content-type'];
    if (isSslCheck(raw, contentType)) return reply(res, 200, undefined);
    if (!this.verify(req, raw)) return reject(401, 'request signature or timestamp is not valid');
    const parsed = parseSlackBody(raw, contentType);
    if (!parsed.ok) return reject(parsed.problem.status, parsed.problem.error);
    const { body } = parsed;
    if (body.type === 'url_verification' && typeof body.challenge === 'string') {
      return reply(res, 200, { challenge: body.challenge });
    }
    const malformed = envelopeProblem(body);
    if (malformed !== undefined) return reject(400, malformed);
    if (this.app === undefined) return reject(503, 'Slack is not ready');

    let acked = false;
    const ack = async (response?: unknown) => {
      if (acked) return;
      acked = true;
      reply(res, 200, response);
    };
    try {
      await this.app.processEvent({
        body,
        ack,
        ...optional('retryNum', retryNum(req.headers['x-slack-retry-num'])),
        ...optional('retryReason', single(req.headers['x-slack-retry-reason'])),
      });
    } catch (error) {
      this.options.logger.error({ err: errorName(error) }, 'slack.event.failed');
      if (!acked) return reject(500, 'the event could not be processed');
    }
    if (!acked) reject(404, 'no handler for this request');
  }

  /**
   * Slack's v0 signature: HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret, compared
   * in constant time. The same check as Bolt's `verifySlackRequest`, done over the raw bytes with one
   * HMAC (Bolt's double-HMAC comparison costs two more and a random key per request).
   */
  private verify(req: IncomingMessage, raw: Buffer): boolean {
    const signature = single(req.headers['x-slack-signature']);
    const timestamp = single(req.headers['x-slack-request-timestamp']);
    if (signature === undefined || timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
    const nowMs = this.options.clock.now().getTime();
    // A stale timestamp is a replay; one from the future is as suspect, so both sides are checked.
    if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return false;
    const theirs = SIGNATURE.exec(signature)?.[1];
    if (theirs === undefined) return false;
    const ours = createHmac('sha256', this.signingKey).update(`v0:${timestamp}:`).update(raw).digest();
    return timingSafeEqual(ours, Buffer.from(theirs, 'hex'));
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  if (body === undefined || body === null || body === '') {
    res.writeHead(status).end();
  } else if (typeof body === 'string') {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
  } else {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

function single(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' ? header : undefined;
}

function retryNum(header: string | string[] | undefined): number | undefined {
  const value = single(header);
  return value !== undefined && /^\d{1,3}$/.test(value) ? Number(value) : undefined;
}

function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
