export type ErrorCode =
  | 'config.invalid'
  | 'knowledge.invalid'
  | 'store.conflict'
  | 'store.unavailable'
  | 'input.invalid'
  | 'azure.forbidden'
  | 'azure.notFound'
  | 'azure.conflict'
  | 'azure.throttled'
  | 'azure.unavailable'
  | 'azure.failed'
  | 'azure.notConfigured'
  | 'channel.failed'
  | 'internal';

/** Our own error: a code to branch on, a message for operators (never shown raw to chat users). */
export class BotError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export function isBotError(err: unknown, code?: ErrorCode): err is BotError {
  return err instanceof BotError && (code === undefined || err.code === code);
}
