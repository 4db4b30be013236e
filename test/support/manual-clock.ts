import type { Clock, Ids } from '../../bot/ports/clock.js';

/** A clock that moves only when told, for TTLs, expiries and reminders. */
export class ManualClock implements Clock {
  private ms: number;
  constructor(start = '2026-01-10T12:00:00Z') {
    this.ms = Date.parse(start);
  }
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export function sequentialIds(prefix = 'id'): Ids {
  let n = 0;
  return { next: () => `${prefix}-${++n}` };
}
