import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { readQuestions, sourceKind } from '../../knowledge/eval-report.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function file(lines: object[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'grb-eval-'));
  dirs.push(dir);
  const path = join(dir, 'set.jsonl');
  writeFileSync(path, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  return path;
}

const repo = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run eval', () => {
  it('reads each question with its source, and tells written from real', () => {
    const path = file([
      { text: 'how do I geo restore', topic: 'how-to-geo-restore', source: 'written' },
      { text: 'tell me a joke', topic: 'out-of-scope', source: 'https://github.com/x/y/issues/1' },
      { text: 'what is crr', topic: 'crr-overview' },
    ]);
    expect(readQuestions(path).map((q) => sourceKind(q.source))).toEqual(['written', 'real', 'written']);
    expect(() => readQuestions(file([{ text: 'no topic' }]))).toThrow(/:1: each line needs/);
  });

  it('scores several files, each and together, by source; the last line is one JSON object for all', async () => {
    const written = file([
      { text: 'how do I geo restore my server', topic: 'how-to-geo-restore', source: 'written' },
      { text: 'tell me a joke', topic: 'out-of-scope', source: 'written' },
    ]);
    const real = file([
      { text: 'what is cross region restore', topic: 'crr-overview', source: 'https://x/1' },
    ]);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'knowledge/eval-main.ts', '--json', '--by-source', written, real],
      { cwd: repo },
    );
    const lines = stdout.trim().split('\n');
    expect(lines).toContain(`== ${written}`);
    expect(lines).toContain(`== ${real}`);
    expect(lines).toContain('== written (by source)');
    expect(lines).toContain('== real (by source)');
    expect(stdout).toMatch(/== real \(by source\)\nquestions 1; in-scope 1: top-1 100\.0%/);
    const last = JSON.parse(lines.at(-1) ?? '');
    expect(last).toMatchObject({ total: 3, inScope: { n: 2, top1: 1 }, outOfScope: { n: 1, rejected: 1 } });
  }, 60_000);
});
