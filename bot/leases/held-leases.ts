import type { Lease, Leases } from './leases.js';

/** Timers (the shape of the restore runner's Scheduler): run after `ms`, return a cancel function. */
export interface LeaseTimers {
  after(ms: number, run: () => void): () => void;
}

export interface HeldLeasesOptions {
  /** With timers, the held leases are renewed together every third of their TTL while any is held. */
  timers?: LeaseTimers;
  /** Each lease a renewal found lost: another holder has it now, so its work must stop here. */
  onLost?: (name: string) => void;
  /** Failures of renewals and releases that ran on their own (the store could not be reached). */
  onError?: (err: unknown) => void;
}

/**
 * The leases one worker holds for one kind of work (restores in flight, ticket reminders): a heartbeat
 * renews them all, a lost one is reported, and a shutdown releases them all.
 */
export class HeldLeases {
  private readonly held = new Map<string, Lease>();
  private cancelHeartbeat: (() => void) | undefined;
  private beating: Promise<void> | undefined;

  constructor(
    readonly leases: Leases,
    private readonly options: HeldLeasesOptions = {},
  ) {}

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
    this.keepAlive();
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
      [...this.held.entries()].map(async ([name, lease]) => {
        try {
          const renewed = await this.leases.renew(lease);
          if (!this.held.has(name)) {
            // Released while the renewal was under way: give back what the renewal took.
            if (renewed) await this.leases.release(renewed);
          } else if (renewed) this.held.set(name, renewed);
          else {
            this.held.delete(name);
            lost.push(name);
          }
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

  /** Stops the heartbeat and releases every held lease, so others need not wait for them to expire. */
  async releaseAll(): Promise<void> {
    this.cancelHeartbeat?.();
    this.cancelHeartbeat = undefined;
    await Promise.all([...this.held.keys()].map((name) => this.release(name)));
  }

  /** Resolves when no heartbeat renewal is under way. */
  async idle(): Promise<void> {
    await this.beating;
  }

  private keepAlive(): void {
    const timers = this.options.timers;
    if (!timers || this.cancelHeartbeat || this.held.size === 0) return;
    this.cancelHeartbeat = timers.after(this.leases.ttlMs / 3, () => {
      this.cancelHeartbeat = undefined;
      this.beating = this.heartbeat().finally(() => {
        this.beating = undefined;
      });
    });
  }

  private async heartbeat(): Promise<void> {
    const { lost, errors } = await this.renewAll();
    for (const name of lost) this.options.onLost?.(name);
    for (const err of errors) this.options.onError?.(err);
    this.keepAlive();
  }
}
