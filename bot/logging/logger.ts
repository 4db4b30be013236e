import pino, { type DestinationStream, type LoggerOptions as PinoOptions } from 'pino';
import type { Logger } from '../ports/logger.js';

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
    child: (bindings) => lazyChild(log, bindings),
  };
}

type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * A child logger that becomes a pino child only when it first writes a line at an enabled level:
 * every turn makes one, and most turns write nothing at the configured level, while a pino child
 * serializes (and redacts) its bindings when it is made. A child of a child merges the bindings.
 */
function lazyChild(parent: pino.Logger, bindings: Record<string, unknown>): Logger {
  let made: pino.Logger | undefined;
  const at =
    (level: Level) =>
    (obj: object, msg?: string): void => {
      if (!parent.isLevelEnabled(level)) return;
      made ??= parent.child(bindings);
      made[level](obj, msg);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => lazyChild(parent, { ...bindings, ...more }),
  };
}
