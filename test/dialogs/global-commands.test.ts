import { describe, expect, it } from 'vitest';
import { Actions } from '../../bot/model.js';
import { globalCommand } from '../../dialogs/engine/global-commands.js';
import { button, createTestBot } from '../support/create-test-bot.js';
import { candidates, scriptedKnowledge } from '../support/scripted-knowledge.js';

const kb = scriptedKnowledge({
  'backup region thing': {
    outcome: 'clarify',
    candidates: candidates('what-is-geo-backup', 'copy-frequency'),
  },
});

describe('global commands', () => {
  it.each([
    ['help', 'help'],
    ['  HELP! ', 'help'],
    ['?', 'help'],
    ['bot, cancel', 'cancel'],
    ['never mind', 'cancel'],
    ['start over', 'start-over'],
    ['/reset', 'start-over'],
    ['help me restore my server', undefined],
  ])('reads %j as %s', (text, expected) => {
    expect(globalCommand(text)).toBe(expected);
  });

  it('answers help with what the bot does, examples and a way to a person', async () => {
    const bot = createTestBot();
    const [reply] = await bot.from('U1').send('help');
    expect(reply?.kind).toBe('help');
    expect(reply?.text).toMatch(/check one of your servers/);
    expect(button(reply, Actions.human)).toBeTruthy();
  });

  it('cancels a "did you mean" in the middle, so its buttons no longer act', async () => {
    const bot = createTestBot({ kb });
    const [clarify] = await bot.from('U1').send('backup region thing');
    const [cancelled] = await bot.from('U1').send('cancel');
    expect(cancelled?.text).toMatch(/^Cancelled/);
    const pick = button(clarify, Actions.pick);
    const [stale] = await bot.from('U1').click(pick.id, pick.value);
    expect(stale?.kind).toBe('info');
  });

  it('says there was nothing to cancel when nothing was going on', async () => {
    const bot = createTestBot();
    const [reply] = await bot.from('U1').send('cancel');
    expect(reply?.text).toMatch(/nothing to cancel/);
  });

  it('starts over from a clarify, forgetting misses', async () => {
    const bot = createTestBot({ kb });
    await bot.from('U1').send('backup region thing');
    const [reply] = await bot.from('U1').send('start over');
    expect(reply?.text).toMatch(/Starting over/);
  });

  it('explains an unknown or stale button instead of failing', async () => {
    const bot = createTestBot();
    const [reply] = await bot.from('U1').click('no.such.action', { x: 1 });
    expect(reply?.kind).toBe('info');
  });
});
