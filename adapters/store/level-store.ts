import { mkdirSync } from 'node:fs';
import { ClassicLevel } from 'classic-level';
import { BotError } from '../../bot/errors.js';
import type { Json } from '../../bot/model.js';
import type { Clock } from '../../bot/ports/clock.js';
import { systemClock } from '../../bot/ports/clock.js';
import type { ListOptions, Store, StoredDoc, WriteOptions } from '../../bot/ports/store.js';
import { createKeyedSerializer } from '../../bot/util/keyed-serializer.js';
import { isLive, nextRecord, type Record } from './conditional-write.js';
import { RecordCache, type StoredText } from './record-cache.js';
import { WriteBatcher } from './write-batcher.js';

/** Expired keys deleted at a time by a sweep, so that a large backlog does not queue all at once. */
const SWEEP_CHUNK = 256;

export interface LevelStoreOptions {
  clock?: Clock;
  /** How many recently used documents are kept in memory (see RecordCache); 0 keeps none. */
  cachedDocuments?: number;
}

/**
 * The embedded default: LevelDB (classic-level) in a folder under DATA_DIR. LevelDB allows one
 * process per folder, so this process sees every write: within it, the writes and deletes of one key
 * run one at a time, so that eTag checks and create-if-absent are atomic, while other keys go ahead;
 * recently used documents are answered from memory (RecordCache) instead of a LevelDB read. Several
 * replicas need the shared store instead.
 */
export class LevelStore implements Store {
  private readonly perKey = createKeyedSerializer();
  private readonly cache: RecordCache;
  private readonly puts: WriteBatcher;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly db: ClassicLevel<string, string>,
    private readonly clock: Clock,
    cachedDocuments: number,
  ) {
    this.cache = new RecordCache(cachedDocuments);
    this.puts = new WriteBatcher(db);
  }

  static async open(dir: string, options: LevelStoreOptions = {}): Promise<LevelStore> {
    const { clock = systemClock, cachedDocuments = 5000 } = options;
    mkdirSync(dir, { recursive: true });
    // Stored as the JSON text of the record, as classic-level's 'json' encoding wrote it.
    const db = new ClassicLevel<string, string>(dir, { valueEncoding: 'utf8' });
    try {
      await db.open();
    } catch (cause) {
      throw new BotError(
        'store.unavailable',
        `cannot open the embedded store in ${dir} (is another bot using it?)`,
        {
          cause,
        },
      );
    }
    return new LevelStore(db, clock, cachedDocuments);
  }

  /**
   * What is stored under the key now: from memory when known there, else from LevelDB. The LevelDB
   * read is synchronous: for a bot's small database it is served from LevelDB's memtable and block
   * cache in about a microsecond, where the asynchronous read costs some 20 µs of CPU on the thread
   * pool round trip (every create-if-absent of a new key, such as a Slack dedupe mark, makes one).
   */
  private current(key: string): StoredText | undefined {
    const known = this.cache.get(key);
    if (known !== undefined) return known ?? undefined;
    let text: string | undefined;
    try {
      text = this.db.getSync(key);
    } catch (cause) {
      throw new BotError('store.unavailable', 'embedded store read failed', { cause });
    }
    const stored = text === undefined ? undefined : RecordCache.describe(text);
    this.cache.fill(key, stored);
    return stored;
  }

  async read<T extends Json = Json>(key: string): Promise<StoredDoc<T> | undefined> {
    const stored = this.current(key);
    if (!isLive(stored, this.clock.now().getTime())) return undefined;
    // Parsed afresh for every reader, so a caller that changes its copy changes nothing stored.
    return { value: (JSON.parse(stored.text) as Record).value as T, eTag: stored.eTag };
  }

  write<T extends Json = Json>(key: string, value: T, options: WriteOptions = {}): Promise<string> {
    return this.perKey.run(key, async () => {
      // Only a conditional write needs to know what is stored now.
      const conditional = options.ifAbsent === true || options.eTag !== undefined;
      const current = conditional ? this.current(key) : undefined;
      const record = nextRecord(key, current, value, options, this.clock.now().getTime());
      const text = JSON.stringify(record);
      try {
        await this.puts.put(key, text);
      } catch (cause) {
        this.cache.forget(key);
        throw new BotError('store.unavailable', 'embedded store write failed', { cause });
      }
      // Documents read back and changed (conversation state, claims, leases) are kept; a write-once
      // document (a card, a dedupe mark) only replaces a copy already held.
      this.cache.wrote(key, { text, eTag: record.eTag, expiresAt: record.expiresAt }, conditional);
      return record.eTag;
    });
  }

  delete(key: string, options: { eTag?: string } = {}): Promise<void> {
    return this.perKey.run(key, async () => {
      if (options.eTag !== undefined && this.current(key)?.eTag !== options.eTag) {
        throw new BotError('store.conflict', `document ${key} was changed by someone else`);
      }
      try {
        await this.db.del(key);
      } finally {
        this.cache.forget(key);
      }
    });
  }

  async list<T extends Json = Json>(prefix: string, options: ListOptions = {}) {
    const now = this.clock.now().getTime();
    const out: Array<{ key: string } & StoredDoc<T>> = [];
    const from =
      options.after !== undefined && options.after >= prefix ? { gt: options.after } : { gte: prefix };
    for await (const [key, text] of this.db.iterator({ ...from, lt: `${prefix}\uffff` })) {
      const record = JSON.parse(text) as Record;
      if (!isLive(record, now)) continue;
      out.push({ key, value: record.value as T, eTag: record.eTag });
      if (options.limit !== undefined && out.length >= options.limit) break;
    }
    return out;
  }

  /**
   * Deletes expired records under `prefix`. The scan reads a snapshot; each expired key is then
   * checked again and deleted under its own turn of the per-key queue, so a record created again
   * since the scan (a new lease, a dedupe mark for a new delivery) stays.
   */
  async sweep(prefix = ''): Promise<number> {
    let swept = 0;
    let expired: string[] = [];
    const drain = async () => {
      const now = this.clock.now().getTime();
      const done = await Promise.all(expired.map((key) => this.deleteIfExpired(key, now)));
      swept += done.filter(Boolean).length;
      expired = [];
    };
    const now = this.clock.now().getTime();
    for await (const [key, text] of this.db.iterator({ gte: prefix, lt: `${prefix}\uffff` })) {
      if (isLive(RecordCache.describe(text), now)) continue;
      expired.push(key);
      if (expired.length >= SWEEP_CHUNK) await drain();
    }
    await drain();
    return swept;
  }

  private deleteIfExpired(key: string, now: number): Promise<boolean> {
    return this.perKey.run(key, async () => {
      const stored = this.current(key);
      if (stored === undefined || isLive(stored, now)) return false;
      try {
        await this.db.del(key);
      } catch (cause) {
        throw new BotError('store.unavailable', 'embedded store sweep failed', { cause });
      } finally {
        this.cache.forget(key);
      }
      return true;
    });
  }

  /** Waits for the writes under way, then closes the database. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      while (this.perKey.size > 0) await this.perKey.idle();
      await this.db.close();
    })();
    return this.closing;
  }
}
