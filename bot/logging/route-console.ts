import { format } from 'node:util';
import type { Logger } from '../ports/logger.js';

/** The longest text kept from one console call; a library's dump should not become a huge log line. */
const MAX_CHARS = 2000;

export type ConsoleMethods = Pick<Console, 'error' | 'warn' | 'info' | 'log' | 'debug'>;

/**
 * Sends what libraries print with console.* to the bot's logger, one JSON line per call (`source:
 * console`), so that stdout carries only the log's JSON lines and stderr nothing. botframework-connector
 * prints a line of its own for every Teams request whose token has a bad signature; a run of forged
 * requests would otherwise write unparseable text beside the log. console.error becomes a warning:
 * what a library prints is diagnostic, and the bot reports its own errors through the logger.
 */
export function routeConsole(target: ConsoleMethods, logger: Logger): void {
  const log = logger.child({ source: 'console' });
  const text = (args: unknown[]) => {
    const all = format(...args);
    return { text: all.length > MAX_CHARS ? `${all.slice(0, MAX_CHARS)}…` : all };
  };
  target.error = (...args: unknown[]) => log.warn(text(args), 'console.error');
  target.warn = (...args: unknown[]) => log.warn(text(args), 'console.warn');
  target.info = (...args: unknown[]) => log.info(text(args), 'console.info');
  target.log = (...args: unknown[]) => log.info(text(args), 'console.log');
  target.debug = (...args: unknown[]) => log.debug(text(args), 'console.debug');
}
