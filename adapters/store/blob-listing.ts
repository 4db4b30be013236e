import type { BlobItem, ContainerClient } from '@azure/storage-blob';
import { storeFailure } from './blob-failure.js';
import { blobPrefix, keyOf } from './blob-name.js';
import type { Record } from './conditional-write.js';

/** Metadata name (Azure lower-cases them) of a document's expiry time, epoch milliseconds. */
export const EXPIRES_AT = 'expiresat';

export interface Entry {
  key: string;
  item: BlobItem;
}

const byKey = (a: Entry, b: Entry) => Buffer.compare(Buffer.from(a.key, 'utf8'), Buffer.from(b.key, 'utf8'));

export function expiresAtOf(metadata: { [name: string]: string } | undefined): number | undefined {
  const raw = metadata?.[EXPIRES_AT];
  return raw === undefined ? undefined : Number(raw);
}

/**
 * The blobs of our keys under `prefix`, a page at a time, in key order. Names sort as keys do except
 * among long keys that share their spelled-out start (their names end in a hash): those are sorted
 * by key, and a run of them at the end of a page waits for the next page, which may hold more.
 */
export async function* blobPages(
  container: ContainerClient,
  prefix: string,
  pageSize = 1000,
): AsyncGenerator<Entry[]> {
  const pages = container
    .listBlobsFlat({ prefix: blobPrefix(prefix), includeMetadata: true })
    .byPage({ maxPageSize: pageSize });
  let carried: Entry[] = [];
  while (true) {
    let page: IteratorResult<{ segment: { blobItems: BlobItem[] } }>;
    try {
      page = await pages.next();
    } catch (error) {
      throw storeFailure(error, `list of ${prefix}`);
    }
    if (page.done) break;
    const entries = [...carried];
    for (const item of page.value.segment.blobItems) {
      const key = keyOf(item.name, item.metadata);
      if (key?.startsWith(prefix)) entries.push({ key, item });
    }
    entries.sort(byKey);
    const last = entries.at(-1);
    const run = last?.item.name.includes('~')
      ? last.item.name.slice(0, last.item.name.indexOf('~'))
      : undefined;
    const cut =
      run === undefined ? entries.length : entries.findIndex((e) => e.item.name.startsWith(`${run}~`));
    carried = entries.slice(cut);
    yield entries.slice(0, cut);
  }
  yield carried;
}

/** A listing's view of a blob, enough to tell whether it has expired without downloading it. */
export function metaRecord(item: BlobItem): Record {
  const expiresAt = expiresAtOf(item.metadata);
  return { value: null, eTag: item.properties.etag ?? '', ...(expiresAt !== undefined ? { expiresAt } : {}) };
}
