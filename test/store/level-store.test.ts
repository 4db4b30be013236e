import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LevelStore } from '../../adapters/store/level-store.js';
import { loadConfig } from '../../bot/load-config.js';
import { openStore, SWEEP_EVERY_MS } from '../../bot/open-store.js';
import { silentLogger } from '../../bot/ports/logger.js';
import { ManualScheduler } from '../restore/live-bot.js';
import { ManualClock } from '../support/manual-clock.js';

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

describe('LevelStore memory of recent documents', () => {
  const open = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grb-level-'));
    dirs.push(dir);
    return { dir, store: await LevelStore.open(dir) };
  };

  it('gives every reader its own copy, so changing a read document changes nothing stored', async () => {
    const { store } = await open();
    try {
      const eTag = await store.write('conv/a', { turns: ['hi'] }, { ifAbsent: true });
      const first = await store.read<{ turns: string[] }>('conv/a');
      first?.value.turns.push('changed but never saved');
      expect((await store.read('conv/a'))?.value).toEqual({ turns: ['hi'] });
      expect((await store.read('conv/a'))?.eTag).toBe(eTag);
    } finally {
      await store.close();
    }
  });

  it('answers from memory what it wrote, with the same eTags and refusals as on disk', async () => {
    const { dir, store } = await open();
    const eTag = await store.write('conv/a', { v: 1 }, { ifAbsent: true });
    const next = await store.write('conv/a', { v: 2 }, { eTag });
    await expect(store.write('conv/a', { v: 3 }, { eTag })).rejects.toMatchObject({ code: 'store.conflict' });
    await store.write('card/1', { big: 'x'.repeat(1000) }, { ttlMs: 60_000 });
    await store.delete('conv/gone').catch(() => undefined);
    await store.close();
    const again = await LevelStore.open(dir, { cachedDocuments: 0 });
    try {
      expect(await again.read('conv/a')).toEqual({ value: { v: 2 }, eTag: next });
      expect((await again.read('card/1'))?.value).toEqual({ big: 'x'.repeat(1000) });
    } finally {
      await again.close();
    }
  });

  it('reads documents written by the json encoding of earlier versions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grb-level-'));
    dirs.push(dir);
    const { ClassicLevel } = await import('classic-level');
    const old = new ClassicLevel<string, unknown>(dir, { valueEncoding: 'json' });
    await old.put('conv/old', { value: { step: 'confirm' }, eTag: 'e-1' });
    await old.close();
    const store = await LevelStore.open(dir);
    try {
      expect(await store.read('conv/old')).toEqual({ value: { step: 'confirm' }, eTag: 'e-1' });
      await store.write('conv/old', { step: 'done' }, { eTag: 'e-1' });
      expect((await store.read('conv/old'))?.value).toEqual({ step: 'done' });
    } finally {
      await store.close();
    }
  });
});

describe('LevelStore sweep', () => {
  it('deletes a backlog of expired records from disk, in chunks, and keeps a record created during the sweep', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grb-level-'));
    dirs.push(dir);
    const clock = new ManualClock();
    const store = await LevelStore.open(dir, { clock, cachedDocuments: 10 });
    const marks = Array.from({ length: 700 }, (_, i) => `slack:seen:command:${String(i).padStart(4, '0')}`);
    await Promise.all(
      marks.map((key) => store.write(key, { firstSeen: 'then' }, { ifAbsent: true, ttlMs: 1000 })),
    );
    await store.write('conv/kept', { misses: 0 });
    clock.advance(2000);
    const sweeping = store.sweep();
    // A new delivery claims one of the keys while the sweep is under way: its mark must survive.
    const reclaimed = store.write(marks[650] ?? '', { firstSeen: 'now' }, { ifAbsent: true, ttlMs: 1000 });
    const [swept] = await Promise.all([sweeping, reclaimed]);
    expect(swept).toBe(699);
    await store.close();

    const { ClassicLevel } = await import('classic-level');
    const raw = new ClassicLevel<string, string>(dir, { valueEncoding: 'utf8' });
    try {
      expect((await raw.keys().all()).sort()).toEqual(['conv/kept', marks[650]]);
    } finally {
      await raw.close();
    }
  });
});

describe('openStore with the embedded store', () => {
  it('sweeps expired documents every hour on its scheduler and stops when closed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'grb-level-'));
    dirs.push(dataDir);
    const clock = new ManualClock();
    const sweeps = new ManualScheduler();
    const config = loadConfig({ DATA_DIR: dataDir });
    const opened = await openStore(config, {
      clock,
      logger: silentLogger,
      scheduler: sweeps,
      sweepScheduler: sweeps,
    });
    await opened.connect();
    await opened.store.write('slack:seen:event:Ev1', { firstSeen: 'then' }, { ifAbsent: true, ttlMs: 1000 });
    await opened.store.write('conv/1', { misses: 0 });
    clock.advance(2000);
    expect(sweeps.waiting).toBe(1);

    expect(sweeps.fire()).toBe(1);
    await vi.waitFor(() => expect(sweeps.waiting).toBe(1));
    expect(sweeps.delays).toEqual([SWEEP_EVERY_MS]);
    expect((await opened.store.list('')).map((d) => d.key)).toEqual(['conv/1']);
    expect(await opened.store.sweep()).toBe(0);

    await opened.close();
    expect(sweeps.waiting).toBe(0);
  });
});
