import type { Logger } from '../../bot/ports/logger.js';

export type LogLine = { level: string; msg: string | undefined; obj: object };

/** A Logger that keeps every event, so a test can wait for one (no sleeps) and look at its fields. */
export class RecordingLogger implements Logger {
  readonly lines: LogLine[] = [];
  private waiters: Array<{ check: () => boolean; resolve: () => void }> = [];

  debug(obj: object, msg?: string) {
    this.push('debug', obj, msg);
  }
  info(obj: object, msg?: string) {
    this.push('info', obj, msg);
  }
  warn(obj: object, msg?: string) {
    this.push('warn', obj, msg);
  }
  error(obj: object, msg?: string) {
    this.push('error', obj, msg);
  }
  child(): Logger {
    return this;
  }

  count(msg: string): number {
    return this.lines.filter((l) => l.msg === msg).length;
  }

  /** Resolves once `msg` has been logged at least `times` times. */
  until(msg: string, times = 1): Promise<void> {
    const check = () => this.count(msg) >= times;
    if (check()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ check, resolve }));
  }

  private push(level: string, obj: object, msg: string | undefined) {
    this.lines.push({ level, msg, obj });
    const done = this.waiters.filter((w) => w.check());
    this.waiters = this.waiters.filter((w) => !done.includes(w));
    for (const w of done) w.resolve();
  }
}
