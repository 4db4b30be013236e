import { randomUUID } from 'node:crypto';
import { text } from 'node:stream/consumers';
import type {
  BlobRequestConditions,
  BlockBlobClient,
  ContainerClient,
  StorageRetryOptions,
} from '@azure/storage-blob';
import { BotError, isBotError } from '../../bot/errors.js';
import type { Json } from '../../bot/model.js';
import { type Clock, systemClock } from '../../bot/ports/clock.js';
import type { ListOptions, Store, StoredDoc, WriteOptions } from '../../bot/ports/store.js';
import { LruMap } from '../../bot/util/lru-map.js';
import { type BlobTarget, createContainerClient } from './blob-container-client.js';
import { isPreconditionFailure, statusOf, storeFailure } from './blob-failure.js';
import { blobPages, EXPIRES_AT, expiresAtOf, metaRecord } from './blob-listing.js';
import { blobName, keyMetadata } from './blob-name.js';
import { isLive, type Record } from './conditional-write.js';

/** Metadata name (Azure lower-cases them) of the write that stored a blob: see `write`. */
const WRITE_ID = 'writeid';
/** How many bodies a listing downloads at once. */
const LIST_CONCURRENCY = 8;

interface Fetched extends Record {
  writeId?: string;
}

function isMissing(error: unknown): boolean {
  return statusOf(error) === 404 && (error as { code?: unknown }).code !== 'ContainerNotFound';
}

/**
 * The shared Store for several replicas: one blob per key in one container, the JSON document as
 * the body, the blob's ETag as the eTag. Preconditions are the service's own (If-Match, If-None-Match),
 * so they hold across processes; a TTL is an expiry time in the blob's metadata, honoured on read
 * and list, and `sweep` deletes what has expired. Transient failures are retried by the SDK's retry
 * policy; what still fails becomes store.unavailable, a failed precondition store.conflict.
 * One difference from the embedded stores: an eTag write to a document that has expired but that no
 * one has replaced still succeeds (If-Match cannot see our metadata); a holder renewing its own
 * lapsed lease keeps it, and a lease someone else has taken has a new ETag and refuses the write.
 */
export class BlobStore implements Store {
  private closed = false;
  /**
   * Clients of recently used blobs: the SDK builds a client (URL parsing, a generated service client
   * over the container's pipeline) for every `getBlobClient`, which cost more CPU than the request.
   */
  private readonly clients = new LruMap<string, BlockBlobClient>(1000);

  constructor(
    private readonly container: ContainerClient,
    private readonly clock: Clock = systemClock,
    /** Blobs per listing request (Azure's most is 5,000); small in tests that cross page boundaries. */
    private readonly pageSize = 1000,
  ) {}

  /** Connects and creates the container if it is missing. */
  static async open(
    target: BlobTarget,
    options: { clock?: Clock; retry?: StorageRetryOptions } = {},
  ): Promise<BlobStore> {
    const store = new BlobStore(createContainerClient(target, options.retry), options.clock);
    await store.ensureContainer();
    return store;
  }

  /**
   * Looks before it creates: an identity whose role is scoped to the container may read the
   * container's properties but not create containers, and needs only the first.
   */
  async ensureContainer(): Promise<void> {
    try {
      if (await this.container.exists()) return;
      await this.container.createIfNotExists();
    } catch (error) {
      throw storeFailure(error, `container ${this.container.containerName} check`);
    }
  }

  private blob(name: string): BlockBlobClient {
    let client = this.clients.get(name);
    if (client === undefined) {
      client = this.container.getBlockBlobClient(name);
      this.clients.set(name, client);
    }
    return client;
  }

  async read<T extends Json = Json>(key: string): Promise<StoredDoc<T> | undefined> {
    const found = await this.fetch(blobName(this.usable(key)), key);
    if (!isLive(found, this.now())) return undefined;
    return { value: found.value as T, eTag: found.eTag };
  }

  async write<T extends Json = Json>(key: string, value: T, options: WriteOptions = {}): Promise<string> {
    const name = blobName(this.usable(key));
    const writeId = randomUUID();
    const body = JSON.stringify(value);
    const metadata: { [name: string]: string } = { ...keyMetadata(key), [WRITE_ID]: writeId };
    if (options.ttlMs !== undefined) metadata[EXPIRES_AT] = String(this.now() + options.ttlMs);
    const put = async (conditions: BlobRequestConditions) => {
      try {
        const res = await this.blob(name).upload(body, Buffer.byteLength(body), {
          metadata,
          conditions,
          blobHTTPHeaders: { blobContentType: 'application/json' },
        });
        return res.etag ?? '';
      } catch (error) {
        // The SDK retries a request whose answer was lost; the retry then fails its own precondition.
        if (!isPreconditionFailure(error)) throw storeFailure(error, `write of ${key}`);
        const now = await this.fetch(name, key);
        if (now !== undefined && now.writeId === writeId) return now.eTag;
        throw storeFailure(error, `write of ${key}`);
      }
    };
    if (options.ifAbsent) return this.create(name, key, put);
    return put(options.eTag !== undefined && options.eTag !== '*' ? { ifMatch: options.eTag } : {});
  }

  /** Create-if-absent where an expired document counts as absent: replaced only on its own ETag. */
  private async create(
    name: string,
    key: string,
    put: (conditions: BlobRequestConditions) => Promise<string>,
  ): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await put({ ifNoneMatch: '*' });
      } catch (error) {
        if (!isBotError(error, 'store.conflict')) throw error;
      }
      const existing = await this.fetch(name, key);
      if (existing === undefined && attempt < 3) continue; // deleted meanwhile: try again
      // (a cast, so that the type guard does not narrow `existing` away below)
      if (existing === undefined || isLive(existing as Record | undefined, this.now())) {
        throw new BotError('store.conflict', `document ${key} already exists`);
      }
      return put({ ifMatch: existing.eTag });
    }
  }

  async delete(key: string, options: { eTag?: string } = {}): Promise<void> {
    const blob = this.blob(blobName(this.usable(key)));
    try {
      if (options.eTag === undefined) await blob.deleteIfExists();
      else await blob.delete({ conditions: { ifMatch: options.eTag } });
    } catch (error) {
      if (isMissing(error))
        throw new BotError('store.conflict', `document ${key} was deleted by someone else`);
      throw storeFailure(error, `delete of ${key}`);
    }
  }

  async list<T extends Json = Json>(prefix: string, options: ListOptions = {}) {
    this.usable(prefix);
    const out: Array<{ key: string } & StoredDoc<T>> = [];
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    if (limit <= 0) return out;
    const after = options.after === undefined ? undefined : Buffer.from(options.after, 'utf8');
    const past = (key: string) => after === undefined || Buffer.compare(Buffer.from(key, 'utf8'), after) > 0;
    for await (const items of blobPages(this.container, prefix, this.pageSize)) {
      const now = this.now();
      const candidates = items.filter(({ key, item }) => past(key) && isLive(metaRecord(item), now));
      for (let i = 0; i < candidates.length; i += LIST_CONCURRENCY) {
        const slice = candidates.slice(i, i + LIST_CONCURRENCY);
        const docs = await Promise.all(slice.map(({ key, item }) => this.fetch(item.name, key)));
        for (const [j, doc] of docs.entries()) {
          const key = slice[j]?.key;
          if (key === undefined || !isLive(doc, this.now())) continue;
          out.push({ key, value: doc.value as T, eTag: doc.eTag });
          if (out.length >= limit) return out;
        }
      }
    }
    return out;
  }

  /** Deletes the documents under `prefix` whose TTL has passed; returns how many. Safe to run anywhere. */
  async sweep(prefix = ''): Promise<number> {
    let swept = 0;
    for await (const items of blobPages(this.container, prefix, this.pageSize)) {
      const now = this.now();
      for (const { item } of items) {
        if (isLive(metaRecord(item), now)) continue;
        try {
          // On its own ETag, so a document written again since the listing stays.
          await this.container
            .getBlobClient(item.name)
            .delete({ conditions: { ifMatch: item.properties.etag } });
          swept++;
        } catch (error) {
          if (!isMissing(error) && !isPreconditionFailure(error)) throw storeFailure(error, 'sweep');
        }
      }
    }
    return swept;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private async fetch(name: string, key: string): Promise<Fetched | undefined> {
    try {
      const res = await this.blob(name).download();
      const body = res.readableStreamBody ? await text(res.readableStreamBody) : '';
      const found: Fetched = { value: JSON.parse(body) as Json, eTag: res.etag ?? '' };
      const expiresAt = expiresAtOf(res.metadata);
      if (expiresAt !== undefined) found.expiresAt = expiresAt;
      const writeId = res.metadata?.[WRITE_ID];
      if (writeId !== undefined) found.writeId = writeId;
      return found;
    } catch (error) {
      if (isMissing(error)) return undefined;
      if (error instanceof SyntaxError) {
        throw new BotError('store.unavailable', `document ${key} in the shared store is not JSON`, {
          cause: error,
        });
      }
      throw storeFailure(error, `read of ${key}`);
    }
  }

  private usable<K extends string>(key: K): K {
    if (this.closed) throw new BotError('store.unavailable', 'the shared store is closed');
    return key;
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
