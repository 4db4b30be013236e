/** Timers, injected so that tests drive time and nothing really waits. `after` returns a cancel function. */
export interface Scheduler {
  after(ms: number, run: () => void): () => void;
}

/** Real timers that never keep the process alive on their own. */
export const timerScheduler: Scheduler = {
  after(ms, run) {
    const timer = setTimeout(run, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
