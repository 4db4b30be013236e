import type { Logger } from '../../bot/ports/logger.js';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  baseMs: number;
  capMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const defaultRetry: RetryPolicy = {
  attempts: 5,
  baseMs: 500,
  capMs: 8_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** What the Bot Connector answers when it wants the call made again later. */
const RETRYABLE = new Set([412, 429, 502, 504]);

/**
 * Runs a Bot Connector call, again on 429/412/502/504 with capped exponential backoff (a Retry-After
 * within the cap wins). Other failures and the last retryable one are thrown as they are.
 */
export async function withRetry<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  log: Logger,
  op: string,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const status = statusOf(err);
      if (status === undefined || !RETRYABLE.has(status) || attempt >= policy.attempts) throw err;
      const backoff = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
      const after = retryAfterMs(err);
      const delay = after !== undefined ? Math.min(policy.capMs, after) : backoff;
      log.warn({ op, status, attempt, delayMs: delay }, 'teams.connector.retry');
      await policy.sleep(delay);
    }
  }
}

export function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: unknown; response?: { status?: unknown } } | null;
  const status = e?.statusCode ?? e?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

function retryAfterMs(err: unknown): number | undefined {
  const headers = (err as { response?: { headers?: { get?: (name: string) => string | undefined } } } | null)
    ?.response?.headers;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : undefined;
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
