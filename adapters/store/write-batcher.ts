interface PendingPut {
  key: string;
  value: string;
  done: (error?: unknown) => void;
}

/** What the batcher needs of the database: classic-level's `batch` with put operations. */
export interface BatchTarget {
  batch(operations: Array<{ type: 'put'; key: string; value: string }>): Promise<void>;
}

/**
 * Puts issued in the same turn of the event loop go to LevelDB as one batch: under load many turns
 * write at once (a conversation state, a card, a dedupe mark), and one native call with one trip to
 * the thread pool replaces one each. A batch is applied atomically; if it fails, every put in it fails.
 */
export class WriteBatcher {
  private pending: PendingPut[] = [];

  constructor(private readonly db: BatchTarget) {}

  put(key: string, value: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ key, value, done: (error) => (error === undefined ? resolve() : reject(error)) });
    });
  }

  private flush(): void {
    const puts = this.pending;
    this.pending = [];
    this.db.batch(puts.map(({ key, value }) => ({ type: 'put', key, value }))).then(
      () => {
        for (const put of puts) put.done();
      },
      (error: unknown) => {
        for (const put of puts) put.done(error ?? new Error('batch failed'));
      },
    );
  }
}
