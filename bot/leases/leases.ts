import { isBotError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store.js';

/** What a lease document says: who holds it, since when, and until when unless renewed. */
export type LeaseDoc = { holder: string; acquiredAt: string; renewedAt: string; expiresAt: string };

/** A lease this process holds; hand it back to renew or release it. */
export interface Lease {
  name: string;
  holder: string;
  eTag: string;
  acquiredAt: Date;
  expiresAt: Date;
}

export interface LeasesDeps {
  store: Store;
  clock: Clock;
  /** This process's holder id (one per process, from the injected Ids). */
  holder: string;
  /** A lease not renewed for this long expires, and another holder may take it. */
  ttlMs: number;
}

export const leasePrefix = 'lease/';
export const leaseKey = (name: string) => `${leasePrefix}${name}`;

/**
 * Leases for background work over any Store: the first holder creates the lease document if absent
 * (with a TTL, so a dead holder's lease disappears by itself); the holder renews it by eTag; a lease
 * whose document outlived its expiry is taken over conditionally on that document's eTag, so of two
 * replicas taking over at once only one succeeds. A lease is a promise of who does the work, not a
 * fence: work done under it must still write conditionally (a holder that stalls past its TTL can
 * wake up after another took over).
 */
export class Leases {
  constructor(private readonly deps: LeasesDeps) {}

  get holder(): string {
    return this.deps.holder;
  }

  get ttlMs(): number {
    return this.deps.ttlMs;
  }

  /** The lease on `name` for this holder, or undefined while another holder's lease on it is live. */
  async acquire(name: string): Promise<Lease | undefined> {
    const { store, holder } = this.deps;
    const key = leaseKey(name);
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = this.deps.clock.now();
      const created = await this.tryWrite(name, now, now, { ifAbsent: true });
      if (created) return created;
      const current = await store.read<LeaseDoc>(key);
      if (!current) continue; // expired or released in between: try to create it again
      const doc = current.value;
      const mine = doc.holder === holder;
      if (!mine && Date.parse(doc.expiresAt) > now.getTime()) return undefined;
      const acquiredAt = mine ? new Date(doc.acquiredAt) : now;
      const taken = await this.tryWrite(name, now, acquiredAt, { eTag: current.eTag });
      if (taken) return taken;
    }
    return undefined;
  }

  /**
   * Extends a held lease. When the eTag moved on (the lease expired, or a write of ours crossed
   * another), falls back to acquire: still ours if nobody else took it; undefined once it is lost.
   */
  async renew(lease: Lease): Promise<Lease | undefined> {
    const now = this.deps.clock.now();
    const renewed = await this.tryWrite(lease.name, now, lease.acquiredAt, { eTag: lease.eTag });
    return renewed ?? this.acquire(lease.name);
  }

  /** Gives the lease up at once, so another holder need not wait for it to expire. */
  async release(lease: Lease): Promise<void> {
    try {
      await this.deps.store.delete(leaseKey(lease.name), { eTag: lease.eTag });
    } catch (err) {
      if (!isBotError(err, 'store.conflict')) throw err;
    }
  }

  /** Who holds `name` now, if anyone. */
  async holderOf(name: string): Promise<LeaseDoc | undefined> {
    const doc = await this.deps.store.read<LeaseDoc>(leaseKey(name));
    if (!doc || Date.parse(doc.value.expiresAt) <= this.deps.clock.now().getTime()) return undefined;
    return doc.value;
  }

  private async tryWrite(
    name: string,
    now: Date,
    acquiredAt: Date,
    condition: { ifAbsent: true } | { eTag: string },
  ): Promise<Lease | undefined> {
    const { store, holder, ttlMs } = this.deps;
    const expiresAt = new Date(now.getTime() + ttlMs);
    const doc: LeaseDoc = {
      holder,
      acquiredAt: acquiredAt.toISOString(),
      renewedAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    };
    try {
      const eTag = await store.write(leaseKey(name), doc, { ...condition, ttlMs });
      return { name, holder, eTag, acquiredAt, expiresAt };
    } catch (err) {
      if (isBotError(err, 'store.conflict')) return undefined;
      throw err;
    }
  }
}
