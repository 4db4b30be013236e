import { describe, expect, it } from 'vitest';
import { Actions } from '../../bot/model.js';
import { readPeriod } from '../../insights/report/read-period.js';
import { button, createTestBot } from '../support/create-test-bot.js';
import { candidates, scriptedKnowledge } from '../support/scripted-knowledge.js';

const kb = scriptedKnowledge({
  'backup region thing': {
    outcome: 'clarify',
    intent: 'what-is-geo-backup',
    candidates: candidates('what-is-geo-backup', 'copy-frequency'),
  },
  'blorp the flux capacitor': { outcome: 'nomatch' },
  'zzz something else': { outcome: 'nomatch' },
});

describe('FAQ dialog', () => {
  it('answers a clear question with the short answer first, the model, sources, follow-ups and feedback', async () => {
    const bot = createTestBot();
    const [reply] = await bot.from('U1').send('What RPO can I expect from a geo-restore?');
    expect(reply).toMatchObject({ kind: 'answer', title: expect.stringMatching(/recovery point/i) });
    expect(reply?.summary).toMatch(/hour/);
    expect(reply?.context).toMatch(/Flexible Server/);
    expect(reply?.links?.[0]?.url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    expect(reply?.buttons?.filter((b) => b.id === Actions.show).length).toBeGreaterThan(0);
    expect(reply?.buttons?.filter((b) => b.id === Actions.feedback)).toHaveLength(2);
  });

  it('says which deployment model applies when the answer differs between them', async () => {
    const bot = createTestBot();
    const [reply] = await bot
      .from('U1')
      .send('what user name format do I use to connect to the restored server?');
    expect(reply?.text).toMatch(/Single Server/);
    expect(reply?.text).toMatch(/Flexible Server/);
  });

  it('says Single Server is retired when asked whether it is still supported, and points to the migration service', async () => {
    const bot = createTestBot();
    const [reply] = await bot.from('U1').send('is single server still supported?');
    expect(reply?.kind).toBe('nomatch');
    expect(reply?.text).toMatch(/Single Server was retired on 2025-03-28/);
    expect(reply?.text).toMatch(/Flexible Server/);
    expect(reply?.links?.[0]?.url).toMatch(/migration-service/);
  });

  it('points elsewhere without any note for a topic that has none', async () => {
    const bot = createTestBot();
    const [reply] = await bot.from('U1').send('how do I change the backup retention to 14 days');
    expect(reply?.text).toMatch(/^That sounds like a question about .+, which I do not cover\. I answer/);
  });

  it('shows a follow-up entry when its button is clicked', async () => {
    const bot = createTestBot();
    const [answer] = await bot.from('U1').send('What RPO can I expect from a geo-restore?');
    const follow = answer?.buttons?.find((b) => b.id === Actions.show);
    const [next] = await bot.from('U1').click(follow?.id ?? '', follow?.value);
    expect(next).toMatchObject({ kind: 'answer', title: follow?.label });
  });

  it('asks "did you mean" when unsure and answers the candidate the user picks', async () => {
    const bot = createTestBot({ kb });
    const [clarify] = await bot.from('U1').send('backup region thing');
    expect(clarify?.kind).toBe('clarify');
    expect(clarify?.buttons?.map((b) => b.label)).toContain('None of these');
    const pick = clarify?.buttons?.[1];
    const [answer] = await bot.from('U1').click(pick?.id ?? '', pick?.value);
    expect(answer).toMatchObject({ kind: 'answer', title: pick?.label });
  });

  it('acts once when the same "did you mean" choice is clicked twice', async () => {
    const bot = createTestBot({ kb });
    const [clarify] = await bot.from('U1').send('backup region thing');
    const pick = button(clarify, Actions.pick);
    await bot.from('U1').click(pick.id, pick.value);
    const [second] = await bot.from('U1').click(pick.id, pick.value);
    expect(second).toMatchObject({ kind: 'info', text: expect.stringMatching(/already made|expired/) });
  });

  it('offers a human after "none of these" and a miss in a row', async () => {
    const bot = createTestBot({ kb });
    const [clarify] = await bot.from('U1').send('backup region thing');
    const none = button(clarify, 'None of these');
    const [first] = await bot.from('U1').click(none.id, none.value);
    expect(first?.kind).toBe('nomatch');
    expect(first?.text).not.toMatch(/two questions in a row/);
    const [second] = await bot.from('U1').send('blorp the flux capacitor');
    expect(second?.text).toMatch(/two questions in a row/);
    expect(button(second, Actions.human).style).toBe('primary');
  });

  it('resets the miss count after an answer', async () => {
    const bot = createTestBot({ kb });
    await bot.from('U1').send('blorp the flux capacitor');
    await bot.from('U1').send('What RPO can I expect from a geo-restore?');
    const [reply] = await bot.from('U1').send('zzz something else');
    expect(reply?.text).not.toMatch(/two questions in a row/);
  });

  it('records unanswered questions for the knowledge base owners, the asker pseudonymised', async () => {
    const bot = createTestBot({ kb });
    await bot.from('U1').send('blorp the flux capacitor');
    const rows = await bot.questions();
    expect(rows).toEqual([
      expect.objectContaining({ text: 'blorp the flux capacitor', outcome: 'nomatch', channel: 'console' }),
    ]);
    expect(rows[0]?.who).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(await bot.store.list('insights/'))).not.toContain('"U1"');
  });

  it('records 👍/👎 once per answer and person, and offers help after a 👎', async () => {
    const bot = createTestBot();
    const [answer] = await bot.from('U1').send('What RPO can I expect from a geo-restore?');
    const down = button(answer, '👎 Not helpful');
    const [sorry] = await bot.from('U1').click(down.id, down.value);
    expect(button(sorry, Actions.human).label).toBe('I still need help');
    const [again] = await bot.from('U1').click(down.id, down.value);
    expect(again?.text).toMatch(/already rated/);
    const rows = await bot.store.list('feedback/');
    expect(rows.map((r) => r.value)).toEqual([
      expect.objectContaining({ entryId: 'rpo-rto', helpful: false, userId: 'U1' }),
    ]);
    // The rating counts once in the day's figures, against the entry rated.
    const [day] = (await readPeriod(bot.store, bot.clock.now(), 1)).figures;
    expect(day?.counts['topic|rpo-rto|down|console']).toBe(1);
  });

  it('keeps dialogs apart for two people in the same conversation', async () => {
    const bot = createTestBot({ kb });
    const [clarify] = await bot.from('U1').send('backup region thing');
    const pick = button(clarify, Actions.pick);
    const [other] = await bot.from('U2').click(pick.id, pick.value);
    expect(other?.kind).toBe('info');
    const [mine] = await bot.from('U1').click(pick.id, pick.value);
    expect(mine?.kind).toBe('answer');
  });
});
