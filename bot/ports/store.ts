import type { Json } from '../model.js';

export interface StoredDoc<T extends Json = Json> {
  value: T;
  eTag: string;
}

export interface WriteOptions {
  /** Write only if the stored document still has this eTag (optimistic concurrency). */
  eTag?: string;
  /** Write only if no (unexpired) document exists under the key: create-if-absent. */
  ifAbsent?: boolean;
  /** The document disappears after this many milliseconds (dedupe records, leases). */
  ttlMs?: number;
}

export interface ListOptions {
  limit?: number;
  /** Only keys after this one (in the store's key order). */
  after?: string;
}

/**
 * JSON documents with eTags, in the shape of Bot Framework storage, plus create-if-absent and TTLs,
 * which idempotency, de-duplication and leases need. A failed precondition throws
 * BotError('store.conflict'); an unreachable store throws BotError('store.unavailable').
 */
export interface Store {
  read<T extends Json = Json>(key: string): Promise<StoredDoc<T> | undefined>;
  /** Returns the new eTag. */
  write<T extends Json = Json>(key: string, value: T, options?: WriteOptions): Promise<string>;
  delete(key: string, options?: { eTag?: string }): Promise<void>;
  /**
   * Documents whose key starts with `prefix`, in key order; `after` starts past that key, so a long
   * listing is read a page (`limit`) at a time.
   */
  list<T extends Json = Json>(
    prefix: string,
    options?: ListOptions,
  ): Promise<Array<{ key: string } & StoredDoc<T>>>;
  /**
   * Deletes the documents under `prefix` whose TTL has passed (dedupe records, cards, leases) and
   * returns how many; a document written again since it expired stays. Safe to run on any replica.
   */
  sweep(prefix?: string): Promise<number>;
  close(): Promise<void>;
}
