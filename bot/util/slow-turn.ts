/** The timer slow-turn stages wait on; tests pass one they fire themselves instead of wall-clock time. */
export interface StageTimer {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const systemStageTimer: StageTimer = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Something to do if the work is still running `afterMs` after it started (show a status, say it is slow). */
export interface SlowStage {
  afterMs: number;
  run(): Promise<void>;
}

/**
 * Waits for `work` while running each stage whose delay passes first. A turn answered quickly runs no
 * stage at all. A stage that has started is finished before this returns, so what it showed (a status,
 * a "still working" message) exists by the time the answer is delivered and can be cleared or edited;
 * a stage that fails costs nothing but itself.
 */
export async function withSlowStages<T>(
  work: Promise<T>,
  stages: SlowStage[],
  timer: StageTimer = systemStageTimer,
): Promise<T> {
  let done = false;
  const started: Array<Promise<void>> = [];
  const handles = stages.map((stage) =>
    timer.set(() => {
      if (!done) started.push(stage.run().catch(() => undefined));
    }, stage.afterMs),
  );
  try {
    return await work;
  } finally {
    done = true;
    for (const handle of handles) timer.clear(handle);
    await Promise.all(started);
  }
}
