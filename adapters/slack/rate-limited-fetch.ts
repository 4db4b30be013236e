import type { webApi } from '@slack/bolt';
import type { Logger } from '../../bot/ports/logger.js';

type FetchFunction = webApi.FetchFunction;

export interface RateLimitOptions {
  fetch?: FetchFunction;
  /** Waits between attempts; injected so tests need not wait for real. */
  sleep?: (ms: number) => Promise<void>;
  logger: Logger;
  /** Attempts per request, the first included. */
  maxAttempts?: number;
  /** A Retry-After longer than this is not waited for: the 429 is returned to the caller. */
  maxWaitMs?: number;
  /** Per attempt, so that waiting out a rate limit does not eat the next attempt's time. */
  timeoutMs?: number;
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * fetch for the Web API and response_url that honours 429 + Retry-After. Only a 429 is retried:
 * Slack did not act on that request, so sending it again cannot duplicate a message, while a timeout
 * or a 5xx may already have posted it and is therefore reported, not repeated.
 * While a rate limit is being waited out, other requests through the same fetch wait too.
 */
export function createRateLimitedFetch(options: RateLimitOptions): FetchFunction {
  const fetchFn: FetchFunction = options.fetch ?? (globalThis.fetch as unknown as FetchFunction);
  const sleep = options.sleep ?? realSleep;
  const maxAttempts = options.maxAttempts ?? 5;
  const maxWaitMs = options.maxWaitMs ?? 120_000;
  const timeoutMs = options.timeoutMs ?? 15_000;
  let pause: Promise<void> = Promise.resolve();

  return async (url, init) => {
    for (let attempt = 1; ; attempt++) {
      await pause;
      const response = await fetchFn(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      if (response.status !== 429 || attempt >= maxAttempts) return response;
      const waitMs = retryAfterMs(response.headers.get('retry-after'));
      if (waitMs === undefined || waitMs > maxWaitMs) return response;
      await response.arrayBuffer().catch(() => undefined);
      options.logger.warn({ host: hostOf(url), attempt, waitMs }, 'slack.rate_limited');
      pause = sleep(waitMs);
      await pause;
    }
  };
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null || !/^\s*\d+\s*$/.test(header)) return undefined;
  return Number.parseInt(header, 10) * 1000;
}

function hostOf(url: string | URL): string {
  try {
    return new URL(url).host;
  } catch {
    return 'unknown';
  }
}
