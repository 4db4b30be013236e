import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../bot/ports/logger.js';

/** Bolt and its Web API client log through our logger, as events under `slack.bolt`. */
export function toBoltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'bolt' });
  const text = (parts: unknown[]) =>
    parts.map((part) => (part instanceof Error ? `${part.name}: ${part.message}` : String(part))).join(' ');
  let level = LogLevel.INFO;
  return {
    debug: (...parts: unknown[]) => log.debug({ detail: text(parts) }, 'slack.bolt'),
    info: (...parts: unknown[]) => log.info({ detail: text(parts) }, 'slack.bolt'),
    warn: (...parts: unknown[]) => log.warn({ detail: text(parts) }, 'slack.bolt'),
    error: (...parts: unknown[]) => log.error({ detail: text(parts) }, 'slack.bolt'),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
