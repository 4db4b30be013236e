import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobStore } from '../../adapters/store/blob-store.js';
import { LevelStore } from '../../adapters/store/level-store.js';
import type { Store } from '../../bot/ports/store.js';
import { percentile } from '../../knowledge/evaluate.js';
import { startAzurite } from '../support/azurite.js';

/** A conversation state of about the size the engine saves (a dialog step and a short history). */
const STATE = {
  active: { dialog: 'restore', state: { step: 'askTarget', attempts: 1, server: { name: 'pg-orders' } } },
  history: Array.from({ length: 8 }, (_, i) => ({
    who: i % 2 ? 'bot' : 'user',
    text: `message ${i}`.repeat(6),
  })),
};

type Op = (i: number) => Promise<unknown>;

async function timed(count: number, op: Op): Promise<number[]> {
  for (let i = 0; i < Math.min(20, count); i++) await op(-1 - i); // warm-up
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await op(i);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

/** One line per operation: p50 / p99 of one call at a time, and what 16 concurrent callers get through. */
async function benchOne(name: string, store: Store, count: number): Promise<string[]> {
  const lines = [`${name}: ${count} calls per operation, one at a time`];
  const row = (op: string, times: number[]) =>
    `  ${op.padEnd(22)} p50 ${percentile(times, 0.5).toFixed(2)} ms, p99 ${percentile(times, 0.99).toFixed(2)} ms`;
  const eTags = new Map<number, string>();
  lines.push(
    row('write', await timed(count, async (i) => eTags.set(i, await store.write(`conv/${i}`, STATE)))),
  );
  lines.push(row('read', await timed(count, (i) => store.read(`conv/${i}`))));
  lines.push(
    row(
      'write with eTag',
      await timed(count, async (i) => {
        const eTag = eTags.get(i);
        if (eTag !== undefined) await store.write(`conv/${i}`, STATE, { eTag });
      }),
    ),
  );
  lines.push(
    row(
      'create-if-absent + TTL',
      await timed(count, (i) => store.write(`dedupe/${i}`, true, { ifAbsent: true, ttlMs: 60_000 })),
    ),
  );
  lines.push(
    row('list 50 by prefix', await timed(Math.ceil(count / 10), () => store.list('conv/', { limit: 50 }))),
  );
  const concurrent = 16;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrent }, async (_, worker) => {
      for (let i = worker; i < count; i += concurrent) await store.write(`load/${i}`, STATE);
    }),
  );
  const perSecond = (count / (performance.now() - started)) * 1000;
  lines.push(`  ${concurrent} concurrent writers: ${perSecond.toFixed(0)} writes/s`);
  return lines;
}

/** The embedded store against the shared one on a local Azurite (which flatters the network). */
export async function benchStores(count = 100): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'grb-store-bench-'));
  const azurite = await startAzurite();
  try {
    const level = await LevelStore.open(dir);
    const levelLines = await benchOne('LevelStore (embedded, local disk)', level, count);
    await level.close();
    const blob = await BlobStore.open({ connectionString: azurite.connectionString, containerName: 'bench' });
    const blobLines = await benchOne('BlobStore on Azurite (loopback HTTP, in-memory)', blob, count);
    await blob.close();
    return [...levelLines, ...blobLines];
  } finally {
    await azurite.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
