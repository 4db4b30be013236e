import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../adapters/store/memory-store.js';
import { HeldLeases } from '../../bot/leases/held-leases.js';
import { Leases } from '../../bot/leases/leases.js';
import { ManualScheduler } from '../restore/live-bot.js';
import { ManualClock } from '../support/manual-clock.js';

const TTL = 30_000;

function setUp() {
  const clock = new ManualClock();
  const store = new MemoryStore(clock);
  const timers = new ManualScheduler();
  const lost: string[] = [];
  const mine = new HeldLeases(new Leases({ store, clock, holder: 'replica-a', ttlMs: TTL }), {
    timers,
    onLost: (name) => lost.push(name),
  });
  const other = new Leases({ store, clock, holder: 'replica-b', ttlMs: TTL });
  return { clock, timers, lost, mine, other };
}

describe('held leases on a heartbeat', () => {
  it('renews what it holds every third of the TTL, so nobody else gets it while the holder lives', async () => {
    const { clock, timers, mine, other } = setUp();
    await mine.hold('reminder/t1');

    for (let i = 0; i < 6; i++) {
      clock.advance(TTL / 3);
      expect(timers.fire()).toBe(1);
      await mine.idle();
      expect(await other.acquire('reminder/t1')).toBeUndefined();
    }

    expect(timers.delays).toEqual(Array(6).fill(TTL / 3));
  });

  it('reports a lease another holder took while the heartbeat was late, and stops renewing it', async () => {
    const { clock, timers, lost, mine, other } = setUp();
    await mine.hold('reminder/t1');

    clock.advance(TTL);
    await other.acquire('reminder/t1');
    timers.fire();
    await mine.idle();

    expect(lost).toEqual(['reminder/t1']);
    expect(mine.has('reminder/t1')).toBe(false);
    expect(timers.waiting).toBe(0);
    expect((await other.holderOf('reminder/t1'))?.holder).toBe('replica-b');
  });

  it('stops beating once everything is released', async () => {
    const { timers, mine, other } = setUp();
    await mine.hold('reminder/t1');

    await mine.releaseAll();

    expect(timers.waiting).toBe(0);
    expect((await other.acquire('reminder/t1'))?.holder).toBe('replica-b');
  });
});
