import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LevelStore } from '../../adapters/store/level-store.js';
import { uuidIds } from '../../bot/ports/uuid-ids.js';
import { StoreRecorder } from '../../insights/record/store-recorder.js';
import type { InsightsReport } from '../../insights/report/build-report.js';

/** `npm run insights`: its arguments, and --console, which reads the store `npm run chat` keeps. */

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const cli = (args: string[], dataDir: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'insights/insights-main.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 120_000,
  });

describe('npm run insights', () => {
  it('refuses a period or channel it does not know, by name, and reads nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'grb-cli-'));
    dirs.push(dir);
    const days = cli(['--days', '0'], dir);
    expect(days.status).toBe(2);
    expect(days.stderr).toBe('--days must be a whole number of days from 1 to 3650\n');
    const channel = cli(['--channel', 'irc'], dir);
    expect(channel.status).toBe(2);
    expect(channel.stderr).toMatch(/^--channel must be one of all, teams, slack, console/);
  });

  it('reads the console chat’s own store with --console', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grb-cli-'));
    dirs.push(dir);
    const store = await LevelStore.open(join(dir, 'console'));
    const recorder = new StoreRecorder({
      store,
      ids: uuidIds,
      retentionMs: 90 * 86_400_000,
      now: () => new Date(),
    });
    await recorder.record(
      { at: new Date(), channel: 'console', userId: 'me' },
      { kind: 'ask', outcome: 'nomatch', text: 'how do I bake sourdough bread', considered: [] },
    );
    await store.close();
    const out = cli(['--console', '--json', '--days', '7'], dir);
    expect(out.stderr).toBe('');
    const report = JSON.parse(out.stdout) as InsightsReport;
    expect(report.summary).toMatchObject({ asks: 1, nomatch: 1 });
    expect(report.clusters[0]?.typical).toEqual(['how do I bake sourdough bread']);
    const draft = cli(['--console', '--days', '7', '--draft', report.clusters[0]?.id ?? ''], dir);
    expect(draft.stdout).toMatch(/^examples:\n {2}- how do I bake sourdough bread$/m);
  }, 180_000);
});
