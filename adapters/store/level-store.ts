import { mkdirSync } from 'node:fs';
import { ClassicLevel } from 'classic-level';
import { BotError } from '../../bot/errors.js';
import { createKeyedSerializer } from '../../bot/keyed-serializer.js';
import type { Json } from '../../bot/model.js';
import type { Clock } from '../../bot/ports/clock.js';
import { systemClock } from '../../bot/ports/clock.js';
import type { Store, StoredDoc, WriteOptions } from '../../bot/ports/store.js';
import { isLive, nextRecord, type Record } from './conditional-write.js';

/**
 * The embedded default: LevelDB (classic-level) in a folder under DATA_DIR. LevelDB allows one
 * process per folder; within it, the writes and deletes of one key run one at a time, so that eTag
 * checks and create-if-absent are atomic, while other keys go ahead. Several replicas need the shared
 * store instead.
 */
export class LevelStore implements Store {
  private readonly perKey = createKeyedSerializer();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly db: ClassicLevel<string, Record>,
    private readonly clock: Clock,
  ) {}

  static async open(dir: string, clock: Clock = systemClock): Promise<LevelStore> {
    mkdirSync(dir, { recursive: true });
    const db = new ClassicLevel<string, Record>(dir, { valueEncoding: 'json' });
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
    return new LevelStore(db, clock);
  }

  private async get(key: string): Promise<Record | undefined> {
    try {
      return await this.db.get(key);
    } catch (cause) {
      throw new BotError('store.unavailable', 'embedded store read failed', { cause });
    }
  }

  async read<T extends Json = Json>(key: string): Promise<StoredDoc<T> | undefined> {
    const record = await this.get(key);
    if (!isLive(record, this.clock.now().getTime())) return undefined;
    return { value: record.value as T, eTag: record.eTag };
  }

  write<T extends Json = Json>(key: string, value: T, options: WriteOptions = {}): Promise<string> {
    return this.perKey.run(key, async () => {
      // Only a conditional write needs to know what is stored now.
      const conditional = options.ifAbsent === true || options.eTag !== undefined;
      const current = conditional ? await this.get(key) : undefined;
      const record = nextRecord(key, current, value, options, this.clock.now().getTime());
      try {
        await this.db.put(key, record);
      } catch (cause) {
        throw new BotError('store.unavailable', 'embedded store write failed', { cause });
      }
      return record.eTag;
    });
  }

  delete(key: string, options: { eTag?: string } = {}): Promise<void> {
    return this.perKey.run(key, async () => {
      if (options.eTag !== undefined && (await this.get(key))?.eTag !== options.eTag) {
        throw new BotError('store.conflict', `document ${key} was changed by someone else`);
      }
      await this.db.del(key);
    });
  }

  async list<T extends Json = Json>(prefix: string, options: { limit?: number } = {}) {
    const now = this.clock.now().getTime();
    const out: Array<{ key: string } & StoredDoc<T>> = [];
    for await (const [key, record] of this.db.iterator({ gte: prefix, lt: `${prefix}\uffff` })) {
      if (!isLive(record, now)) continue;
      out.push({ key, value: record.value as T, eTag: record.eTag });
      if (options.limit !== undefined && out.length >= options.limit) break;
    }
    return out;
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
