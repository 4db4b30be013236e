import type { Scheduler } from '../../bot/ports/scheduler.js';

/**
 * Real timers whose waits are cut to at most `maxMs`, so that a restore in a test process runs through
 * in seconds while keeping the order and the back-off of its steps.
 */
export function cappedScheduler(maxMs: number): Scheduler {
  return {
    after(ms, run) {
      const timer = setTimeout(run, Math.min(ms, maxMs));
      timer.unref();
      return () => clearTimeout(timer);
    },
  };
}
