import { BotError } from '../../bot/errors.js';

/** The HTTP status of an Azure SDK error (RestError), or undefined for network and credential errors. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** A failed If-Match / If-None-Match (412), or a blob that already exists (409). */
export function isPreconditionFailure(error: unknown): boolean {
  const status = statusOf(error);
  return status === 412 || status === 409;
}

/**
 * Where an Azure SDK error enters our code. The SDK's retry policy has already retried timeouts,
 * resets and 500/503 by the time an error lands here, so what is left is a store that does not
 * answer (network, 5xx), refuses us (401/403: the identity lacks its role) or is missing (404 on
 * the container): all of them `store.unavailable`, with the status for the operator.
 */
export function storeFailure(error: unknown, what: string): BotError {
  if (error instanceof BotError) return error;
  if (isPreconditionFailure(error)) {
    return new BotError('store.conflict', `${what}: changed by someone else`, { cause: error });
  }
  const status = statusOf(error);
  const code = (error as { code?: unknown } | null)?.code;
  const detail = status !== undefined ? `HTTP ${status}` : typeof code === 'string' ? code : 'no answer';
  return new BotError('store.unavailable', `shared store ${what} failed (${detail})`, { cause: error });
}
