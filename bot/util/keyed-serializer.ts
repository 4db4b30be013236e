/**
 * Runs tasks that share a key one after another, in arrival order, and tasks with different keys side by
 * side. The engine serialises the turns of one conversation state with it, so that a burst of messages
 * or clicks from one person in one process is answered in order instead of racing for the same eTag
 * (which the store's optimistic concurrency still settles between replicas); the embedded store makes
 * each key's check-then-write atomic with it.
 */
export interface KeyedSerializer {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Keys with a task running or waiting (for tests and metrics). */
  readonly size: number;
  /** Settles when every task started so far has settled. */
  idle(): Promise<void>;
}

export function createKeyedSerializer(): KeyedSerializer {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      // A failed task must not block the ones queued behind it: they wait for it to settle, not succeed.
      const result = previous.then(task, task);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    get size() {
      return tails.size;
    },
    async idle() {
      await Promise.all(tails.values());
    },
  };
}
