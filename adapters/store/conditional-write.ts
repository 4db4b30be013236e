import { randomUUID } from 'node:crypto';
import { BotError } from '../../bot/errors.js';
import type { Json } from '../../bot/model.js';
import type { WriteOptions } from '../../bot/ports/store.js';

/** What a store keeps under a key: the document, its eTag and when it expires (epoch ms). */
export interface Record {
  value: Json;
  eTag: string;
  expiresAt?: number;
}

/** What a precondition looks at: the eTag and the expiry, whatever else a store keeps beside them. */
export interface Stamp {
  eTag: string;
  expiresAt?: number | undefined;
}

export function isLive<T extends Stamp>(record: T | undefined, nowMs: number): record is T {
  return record !== undefined && (record.expiresAt === undefined || record.expiresAt > nowMs);
}

/**
 * The one rule both embedded stores follow for a write: check the precondition against what is
 * stored now, then build the record to store. Throws BotError('store.conflict') when it fails.
 */
export function nextRecord(
  key: string,
  current: Stamp | undefined,
  value: Json,
  options: WriteOptions,
  nowMs: number,
): Record {
  const live = isLive(current, nowMs) ? current : undefined;
  if (options.ifAbsent && live) throw new BotError('store.conflict', `document ${key} already exists`);
  if (options.eTag !== undefined && options.eTag !== '*' && live?.eTag !== options.eTag) {
    throw new BotError('store.conflict', `document ${key} was changed by someone else`);
  }
  const record: Record = { value, eTag: randomUUID() };
  if (options.ttlMs !== undefined) record.expiresAt = nowMs + options.ttlMs;
  return record;
}
