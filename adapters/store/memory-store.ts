import { BotError } from '../../bot/errors.js';
import type { Json } from '../../bot/model.js';
import type { Clock } from '../../bot/ports/clock.js';
import { systemClock } from '../../bot/ports/clock.js';
import type { ListOptions, Store, StoredDoc, WriteOptions } from '../../bot/ports/store.js';
import { isLive, nextRecord, type Record } from './conditional-write.js';

/** The Store in memory: for unit tests, and for `npm run ask`, which needs no history. */
export class MemoryStore implements Store {
  private readonly docs = new Map<string, Record>();

  constructor(private readonly clock: Clock = systemClock) {}

  async read<T extends Json = Json>(key: string): Promise<StoredDoc<T> | undefined> {
    const record = this.docs.get(key);
    if (!isLive(record, this.clock.now().getTime())) return undefined;
    return { value: structuredClone(record.value) as T, eTag: record.eTag };
  }

  async write<T extends Json = Json>(key: string, value: T, options: WriteOptions = {}): Promise<string> {
    const record = nextRecord(
      key,
      this.docs.get(key),
      structuredClone(value),
      options,
      this.clock.now().getTime(),
    );
    this.docs.set(key, record);
    return record.eTag;
  }

  async delete(key: string, options: { eTag?: string } = {}): Promise<void> {
    const record = this.docs.get(key);
    if (options.eTag !== undefined && record?.eTag !== options.eTag) {
      throw new BotError('store.conflict', `document ${key} was changed by someone else`);
    }
    this.docs.delete(key);
  }

  async list<T extends Json = Json>(prefix: string, options: ListOptions = {}) {
    const now = this.clock.now().getTime();
    const after = options.after;
    const keys = [...this.docs.keys()]
      .filter(
        (k) =>
          k.startsWith(prefix) &&
          (after === undefined || Buffer.compare(Buffer.from(k), Buffer.from(after)) > 0),
      )
      .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const out: Array<{ key: string } & StoredDoc<T>> = [];
    for (const key of keys) {
      const record = this.docs.get(key);
      if (!isLive(record, now)) continue;
      out.push({ key, value: structuredClone(record.value) as T, eTag: record.eTag });
      if (options.limit !== undefined && out.length >= options.limit) break;
    }
    return out;
  }

  async sweep(prefix = ''): Promise<number> {
    const now = this.clock.now().getTime();
    let swept = 0;
    for (const [key, record] of this.docs) {
      if (key.startsWith(prefix) && !isLive(record, now) && this.docs.delete(key)) swept++;
    }
    return swept;
  }

  async close(): Promise<void> {}
}
