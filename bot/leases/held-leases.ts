import type { Lease, Leases } from './leases.js';

/**
 * The leases one worker holds for one kind of work (restores in flight, ticket reminders), kept
 * together so that a heartbeat renews them all and a shutdown releases them all.
 */
export class HeldLeases {
  private readonly held = new Map<string, Lease>();

  constructor(readonly leases: Leases) {}

  get size(): number {
    return this.held.size;
  }

  has(name: string): boolean {
    return this.held.has(name);
  }

  /** Holds `name`: renews the lease when held, acquires it otherwise. False while another holder has it. */
  async hold(name: string): Promise<boolean> {
    const current = this.held.get(name);
    const lease = current ? await this.leases.renew(current) : await this.leases.acquire(name);
    if (lease) this.held.set(name, lease);
    else this.held.delete(name);
    return lease !== undefined;
  }

  /**
   * Renews every held lease. `lost`: another holder has them now. `errors`: the store could not be
   * reached for these; they stay held here and the next renewal tries again (or finds them lost).
   */
  async renewAll(): Promise<{ lost: string[]; errors: unknown[] }> {
    const lost: string[] = [];
    const errors: unknown[] = [];
    await Promise.all(
      [...this.held.keys()].map(async (name) => {
        try {
          if (!(await this.hold(name))) lost.push(name);
        } catch (err) {
          errors.push(err);
        }
      }),
    );
    return { lost, errors };
  }

  async release(name: string): Promise<void> {
    const lease = this.held.get(name);
    this.held.delete(name);
    if (lease) await this.leases.release(lease);
  }

  async releaseAll(): Promise<void> {
    await Promise.all([...this.held.keys()].map((name) => this.release(name)));
  }
}
