import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm run ask', () => {
  it('prints the answer and, with --json, one JSON object on the last line', () => {
    const out = execFileSync(
      'npx',
      ['tsx', 'adapters/console/ask-main.ts', '--json', 'what is cross region restore?'],
      {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    const last = JSON.parse(out.trim().split('\n').at(-1) ?? '');
    expect(last).toMatchObject({ intent: 'crr-overview', outcome: 'answer' });
    expect(last.confidence).toBeGreaterThan(0);
    expect(last.candidates[0].id).toBe('crr-overview');
    expect(last.reply[0].kind).toBe('answer');
    // A fresh process trains the model before it answers: seconds on a quiet machine, more under load.
  }, 120_000);
});
