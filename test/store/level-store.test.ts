import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LevelStore } from '../../adapters/store/level-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('LevelStore', () => {
  it('finishes the writes under way when it is closed, so a shutdown loses none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grb-level-'));
    dirs.push(dir);
    const first = await LevelStore.open(dir);
    const writes = Array.from({ length: 40 }, (_, i) =>
      first.write(`conv/${i % 4}/${i}`, { n: i }, i % 2 === 0 ? { ifAbsent: true } : {}),
    );
    const closed = first.close();
    await Promise.all(writes);
    await closed;

    const second = await LevelStore.open(dir);
    try {
      expect(await second.list('conv/')).toHaveLength(40);
    } finally {
      await second.close();
    }
  });

  it('still refuses a stale eTag and a second create under one key while other keys are written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grb-level-'));
    dirs.push(dir);
    const store = await LevelStore.open(dir);
    try {
      const eTag = await store.write('conv/a', { v: 1 });
      const results = await Promise.allSettled([
        store.write('conv/a', { v: 2 }, { eTag }),
        store.write('conv/a', { v: 3 }, { eTag }),
        store.write('conv/b', { v: 1 }, { ifAbsent: true }),
        store.write('conv/b', { v: 2 }, { ifAbsent: true }),
        store.write('conv/c', { v: 1 }),
      ]);
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
      expect((await store.read('conv/a'))?.value).toEqual({ v: 2 });
      expect((await store.read('conv/b'))?.value).toEqual({ v: 1 });
    } finally {
      await store.close();
    }
  });
});
