import { isBotError } from '../errors.js';
import type { Json } from '../model.js';
import type { Store } from '../ports/store.js';

export interface UpdateOptions {
  /** Conflicts with other writers (replicas) re-read and re-apply up to this many times. */
  attempts?: number;
  /** The document's TTL, set again on every write. */
  ttlMs?: number;
}

/**
 * Read, apply, write with the eTag (created if absent when there is none); a conflict re-reads and
 * applies again, so concurrent updates from several replicas all land. `apply` returns undefined to
 * leave the document as it is.
 */
export async function updateDoc<T extends Json>(
  store: Store,
  key: string,
  apply: (current: T | undefined) => T | undefined,
  options: UpdateOptions = {},
): Promise<T | undefined> {
  const attempts = options.attempts ?? 10;
  const ttl = options.ttlMs !== undefined ? { ttlMs: Math.max(1, options.ttlMs) } : {};
  for (let attempt = 1; ; attempt++) {
    const doc = await store.read<T>(key);
    const next = apply(doc?.value);
    if (next === undefined) return doc?.value;
    try {
      await store.write(key, next, doc ? { eTag: doc.eTag, ...ttl } : { ifAbsent: true, ...ttl });
      return next;
    } catch (err) {
      if (!isBotError(err, 'store.conflict') || attempt >= attempts) throw err;
    }
  }
}
