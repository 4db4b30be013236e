import { BotError } from '../../bot/errors.js';
import type { Json } from '../../bot/model.js';
import type { Store, StoredDoc, WriteOptions } from '../../bot/ports/store.js';

/**
 * A real Store behind a switch: every call is counted, and from the chosen call on each one throws
 * BotError('store.unavailable') until `heal()`, as the embedded or shared store does when its disk or
 * network goes away in the middle of a flow.
 */
export class FailingStore implements Store {
  /** Calls made so far (failed ones included). */
  calls = 0;
  /** How many calls threw. */
  failures = 0;
  private failFrom = Number.POSITIVE_INFINITY;

  constructor(readonly inner: Store) {}

  /** The `n`-th call from now (1 = the next one) and every call after it fail. */
  failAfter(n: number): void {
    this.failFrom = this.calls + n;
  }

  heal(): void {
    this.failFrom = Number.POSITIVE_INFINITY;
  }

  read<T extends Json = Json>(key: string): Promise<StoredDoc<T> | undefined> {
    return this.gate(() => this.inner.read<T>(key));
  }

  write<T extends Json = Json>(key: string, value: T, options?: WriteOptions): Promise<string> {
    return this.gate(() => this.inner.write(key, value, options));
  }

  delete(key: string, options?: { eTag?: string }): Promise<void> {
    return this.gate(() => this.inner.delete(key, options));
  }

  list<T extends Json = Json>(prefix: string, options?: { limit?: number }) {
    return this.gate(() => this.inner.list<T>(prefix, options));
  }

  sweep(prefix?: string): Promise<number> {
    return this.gate(() => this.inner.sweep(prefix));
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async gate<R>(call: () => Promise<R>): Promise<R> {
    this.calls += 1;
    if (this.calls >= this.failFrom) {
      this.failures += 1;
      throw new BotError('store.unavailable', `store unreachable (test fault at call ${this.calls})`);
    }
    return call();
  }
}
