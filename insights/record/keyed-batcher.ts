type Waiter = { resolve: () => void; reject: (err: unknown) => void };

/**
 * Gathers items per key while a flush of that key is under way, and flushes them together next: at most
 * one write per key in flight in this process, however many turns record at once. Each `add` settles
 * when the flush that carried its item did.
 */
export class KeyedBatcher<I> {
  private readonly pending = new Map<string, { items: I[]; waiters: Waiter[] }>();
  private readonly running = new Set<string>();
  private readonly drains = new Set<Promise<void>>();

  constructor(private readonly flush: (key: string, items: I[]) => Promise<void>) {}

  add(key: string, item: I): Promise<void> {
    return new Promise((resolve, reject) => {
      const batch = this.pending.get(key) ?? { items: [], waiters: [] };
      this.pending.set(key, batch);
      batch.items.push(item);
      batch.waiters.push({ resolve, reject });
      if (!this.running.has(key)) {
        const drain = this.drain(key);
        this.drains.add(drain);
        void drain.finally(() => this.drains.delete(drain));
      }
    });
  }

  /** Resolves once nothing is pending or being written. */
  async idle(): Promise<void> {
    while (this.drains.size > 0) await Promise.all([...this.drains]);
  }

  private async drain(key: string): Promise<void> {
    this.running.add(key);
    try {
      for (let batch = this.pending.get(key); batch; batch = this.pending.get(key)) {
        this.pending.delete(key);
        try {
          await this.flush(key, batch.items);
          for (const w of batch.waiters) w.resolve();
        } catch (err) {
          for (const w of batch.waiters) w.reject(err);
        }
      }
    } finally {
      this.running.delete(key);
    }
  }
}
