import pino, { type DestinationStream, type LoggerOptions as PinoOptions } from 'pino';
import type { Logger } from './ports/logger.js';

export interface LoggerOptions {
  /** pino level name; `info` unless told otherwise. */
  level?: string;
  /** Where lines go; stdout when absent. Tests pass a stream to read the lines back. */
  destination?: DestinationStream;
  /** Fields on every line, e.g. `{ service: 'georestore-bot' }`. */
  base?: Record<string, unknown>;
}

/**
 * Secrets that could reach a log through an error object or a request: never written, whatever the level.
 * Paths are pino's redaction syntax; `*` matches one level of nesting.
 */
const REDACT = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  '*.headers.authorization',
  'token',
  '*.token',
  'password',
  '*.password',
  'MicrosoftAppPassword',
  '*.MicrosoftAppPassword',
];

/** The Logger port with pino underneath: JSON lines, ISO times, secrets redacted. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const config: PinoOptions = {
    level: options.level ?? 'info',
    base: options.base ?? null,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  };
  const log = options.destination ? pino(config, options.destination) : pino(config);
  return adapt(log);
}

function adapt(log: pino.Logger): Logger {
  return {
    debug: (obj, msg) => log.debug(obj, msg),
    info: (obj, msg) => log.info(obj, msg),
    warn: (obj, msg) => log.warn(obj, msg),
    error: (obj, msg) => log.error(obj, msg),
    child: (bindings) => adapt(log.child(bindings)),
  };
}
