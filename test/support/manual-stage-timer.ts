import type { StageTimer } from '../../bot/util/slow-turn.js';

/**
 * A StageTimer the test fires by hand: it records each wait asked for, and `fire(ms)` runs the waits of
 * that length still pending, so a slow turn's stages are driven without waiting on the clock.
 */
export class ManualStageTimer implements StageTimer {
  private pending: Array<{ ms: number; run: () => void; handle: number }> = [];
  private next = 0;
  private waiters: Array<() => void> = [];

  set(run: () => void, ms: number): unknown {
    const handle = ++this.next;
    this.pending.push({ ms, run, handle });
    for (const wake of this.waiters.splice(0)) wake();
    return handle;
  }

  clear(handle: unknown): void {
    this.pending = this.pending.filter((p) => p.handle !== handle);
  }

  /** Resolves once a wait of `ms` is pending (a turn has started and is still running). */
  async armed(ms: number): Promise<void> {
    while (!this.pending.some((p) => p.ms === ms)) await new Promise<void>((r) => this.waiters.push(r));
  }

  fire(ms: number): void {
    const due = this.pending.filter((p) => p.ms === ms);
    this.pending = this.pending.filter((p) => p.ms !== ms);
    for (const p of due) p.run();
  }

  get waiting(): number[] {
    return this.pending.map((p) => p.ms);
  }
}
