import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LevelStore } from '../../adapters/store/level-store.js';
import { Actions } from '../../bot/model.js';
import { button, createTestBot } from '../support/create-test-bot.js';
import { candidates, scriptedKnowledge } from '../support/scripted-knowledge.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const kb = scriptedKnowledge({
  'backup region thing': {
    outcome: 'clarify',
    candidates: candidates('what-is-geo-backup', 'copy-frequency'),
  },
  'blorp the flux capacitor': { outcome: 'nomatch' },
});

describe('a restart of the bot', () => {
  it('leaves a "did you mean" and the miss count where they were, on the embedded database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grb-restart-'));
    dirs.push(dir);

    const before = await LevelStore.open(dir);
    const first = createTestBot({ kb, store: before });
    await first.from('U1').send('blorp the flux capacitor');
    const [clarify] = await first.from('U1').send('backup region thing');
    await before.close();

    const after = await LevelStore.open(dir);
    // A minute later: the new process's ids start again, so the records' times tell them apart.
    const second = createTestBot({ kb, store: after, now: '2026-01-10T12:01:00Z' });
    const none = button(clarify, 'None of these');
    const [reply] = await second.from('U1').click(none.id, none.value);
    expect(reply?.kind).toBe('nomatch');
    const pick = button(clarify, Actions.pick);
    const [stale] = await second.from('U1').click(pick.id, pick.value);
    expect(stale?.kind).toBe('info');
    // The miss before the restart and the declined "did you mean" after it, both kept for the insights.
    expect((await second.questions()).map((q) => q.outcome)).toEqual(['nomatch', 'clarify', 'declined']);
    await after.close();
  });
});
