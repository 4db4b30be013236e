import { LruMap } from '../../bot/util/lru-map.js';

/** A stored record as its JSON text, with the fields a conditional write checks read out. */
export interface StoredText {
  text: string;
  eTag: string;
  expiresAt?: number | undefined;
}

/**
 * The most recently used records of a store that only this process writes (LevelDB locks its folder
 * to one process), so a copy here is never stale: every write and delete passes through `wrote` or
 * `forget`. The store reads LevelDB synchronously and fills the copy in the same step, so no write
 * can finish between the read and the fill. `null` records that a key is known to be absent. Least
 * recently used records leave first once `capacity` is reached.
 */
export class RecordCache {
  private readonly records: LruMap<string, StoredText | null>;

  constructor(capacity: number) {
    this.records = new LruMap(capacity);
  }

  static describe(text: string): StoredText {
    const { eTag, expiresAt } = JSON.parse(text) as { eTag: string; expiresAt?: number };
    return { text, eTag, expiresAt };
  }

  /** The record held for the key, `null` if it is known to be absent, undefined if not known here. */
  get(key: string): StoredText | null | undefined {
    return this.records.get(key);
  }

  /** Keeps what a read found (undefined: the key is absent). */
  fill(key: string, stored: StoredText | undefined): void {
    this.records.set(key, stored ?? null);
  }

  /** After a write: keeps the new record if asked to or if an older copy is held, else holds nothing. */
  wrote(key: string, stored: StoredText, keep: boolean): void {
    if (keep || this.records.has(key)) this.records.set(key, stored);
  }

  /** After a delete or a failed write: the key is no longer known here. */
  forget(key: string): void {
    this.records.delete(key);
  }
}
