import { expect, it } from 'vitest';
import { HeldLeases } from '../../bot/leases/held-leases.js';
import { Leases, leaseKey } from '../../bot/leases/leases.js';
import type { Store } from '../../bot/ports/store.js';
import { ManualClock } from '../support/manual-clock.js';

const TTL = 30_000;

/** What every store must give leases: run inside a describe, with a fresh store per call of `open`. */
export function leaseContract(open: (clock: ManualClock) => Promise<Store>): void {
  async function twoHolders() {
    const clock = new ManualClock();
    const store = await open(clock);
    const leases = (holder: string) => new Leases({ store, clock, holder, ttlMs: TTL });
    return { clock, store, a: leases('replica-a'), b: leases('replica-b'), leases };
  }

  it('gives a free lease to the first holder and refuses the second while it is live', async () => {
    const { a, b } = await twoHolders();

    const held = await a.acquire('restore/r1');

    expect(held).toMatchObject({ name: 'restore/r1', holder: 'replica-a' });
    expect(await b.acquire('restore/r1')).toBeUndefined();
    expect((await b.holderOf('restore/r1'))?.holder).toBe('replica-a');
  });

  it('gives it to exactly one of many holders acquiring at once', async () => {
    const { leases } = await twoHolders();

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => leases(`replica-${i}`).acquire('restore/r1')),
    );

    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
  });

  it('keeps the lease past its first TTL while the holder renews it', async () => {
    const { a, b, clock } = await twoHolders();
    let lease = await a.acquire('restore/r1');

    for (let i = 0; i < 5; i++) {
      clock.advance(TTL / 2);
      lease = lease && (await a.renew(lease));
      expect(await b.acquire('restore/r1')).toBeUndefined();
    }

    expect(lease?.holder).toBe('replica-a');
    expect(lease?.acquiredAt.toISOString()).toBe('2026-01-10T12:00:00.000Z');
  });

  it('lets another holder take over once the holder died and its lease expired', async () => {
    const { a, b, clock } = await twoHolders();
    const dead = await a.acquire('restore/r1');

    clock.advance(TTL - 1);
    expect(await b.acquire('restore/r1')).toBeUndefined();
    clock.advance(1);
    const taken = await b.acquire('restore/r1');

    expect(taken?.holder).toBe('replica-b');
    expect(dead && (await a.renew(dead))).toBeUndefined();
    expect((await a.holderOf('restore/r1'))?.holder).toBe('replica-b');
  });

  it('keeps a lease whose renewal came late when nobody else took it', async () => {
    const { a, b, clock } = await twoHolders();
    const late = await a.acquire('restore/r1');

    clock.advance(TTL * 2);
    const renewed = late && (await a.renew(late));

    expect(renewed?.holder).toBe('replica-a');
    expect(await b.acquire('restore/r1')).toBeUndefined();
  });

  it('frees the lease at once on release', async () => {
    const { a, b } = await twoHolders();
    const lease = await a.acquire('restore/r1');

    if (lease) await a.release(lease);

    expect(await a.holderOf('restore/r1')).toBeUndefined();
    expect((await b.acquire('restore/r1'))?.holder).toBe('replica-b');
  });

  it('does not free a lease another holder has taken over when the old holder releases it late', async () => {
    const { a, b, clock } = await twoHolders();
    const old = await a.acquire('restore/r1');
    clock.advance(TTL);
    await b.acquire('restore/r1');

    if (old) await a.release(old);

    expect((await b.holderOf('restore/r1'))?.holder).toBe('replica-b');
  });

  it('takes over an expired lease the store still keeps, one holder out of two racing', async () => {
    const { store, leases, clock } = await twoHolders();
    // A lease document whose own expiry has passed though the store keeps it (no store TTL, or clock skew).
    const past = new Date(clock.now().getTime() - 1000).toISOString();
    await store.write(leaseKey('restore/r1'), {
      holder: 'replica-dead',
      acquiredAt: past,
      renewedAt: past,
      expiresAt: past,
    });

    const results = await Promise.all([
      leases('replica-a').acquire('restore/r1'),
      leases('replica-b').acquire('restore/r1'),
    ]);

    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    expect((await leases('x').holderOf('restore/r1'))?.holder).not.toBe('replica-dead');
  });

  it('renews every held lease together and reports the ones another holder took', async () => {
    const { a, b, clock } = await twoHolders();
    const held = new HeldLeases(a);
    await held.hold('restore/r1');
    await held.hold('restore/r2');

    clock.advance(TTL);
    await b.acquire('restore/r2');
    const { lost, errors } = await held.renewAll();

    expect(lost).toEqual(['restore/r2']);
    expect(errors).toEqual([]);
    expect(held.has('restore/r1')).toBe(true);
    expect(held.has('restore/r2')).toBe(false);
    await held.releaseAll();
    expect(await b.holderOf('restore/r1')).toBeUndefined();
  });
}
