import { LruMap } from '../../bot/lru-map.js';

/** A stored record as its JSON text, with the fields a conditional write checks read out. */
export interface StoredText {
  text: string;
  eTag: string;
  expiresAt?: number | undefined;
}

/**
 * The most recently used records of a store that only this process writes (LevelDB locks its folder
 * to one process), so a copy here is never stale: every write and delete passes through `wrote` or
 * `forget`. A record read from disk is kept only if no write finished while the read was under way
 * (`epoch`), so a slow read never puts an older version over a newer one. `null` records that a key is
 * known to be absent. Least recently used records leave first once `capacity` is reached.
 */
export class RecordCache {
  private readonly records: LruMap<string, StoredText | null>;
  private writes = 0;

  constructor(capacity: number) {
    this.records = new LruMap(capacity);
  }

  static describe(text: string): StoredText {
    const { eTag, expiresAt } = JSON.parse(text) as { eTag: string; expiresAt?: number };
    return { text, eTag, expiresAt };
  }

  /** Changes whenever a write or delete finishes; `fill` compares it with the value seen before a read. */
  get epoch(): number {
    return this.writes;
  }

  /** The record held for the key, `null` if it is known to be absent, undefined if not known here. */
  get(key: string): StoredText | null | undefined {
    return this.records.get(key);
  }

  /** Keeps what a read found, unless a write finished since the read began. */
  fill(key: string, stored: StoredText | undefined, epochAtRead: number): void {
    if (epochAtRead === this.writes) this.records.set(key, stored ?? null);
  }

  /** After a write: keeps the new record if asked to or if an older copy is held, else holds nothing. */
  wrote(key: string, stored: StoredText, keep: boolean): void {
    this.writes++;
    if (keep || this.records.has(key)) this.records.set(key, stored);
  }

  /** After a delete or a failed write: the key is no longer known here. */
  forget(key: string): void {
    this.writes++;
    this.records.delete(key);
  }
}
