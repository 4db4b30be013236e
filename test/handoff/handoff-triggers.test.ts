import { describe, expect, it } from 'vitest';
import { Actions } from '../../bot/model.js';
import { button } from '../support/create-test-bot.js';
import { createHandoffTestBot } from '../support/handoff-test-bot.js';

const bot = createHandoffTestBot;

describe('what hands a conversation to people', () => {
  it('a 👎 and then "I still need help" opens a ticket about the unhelpful answer', async () => {
    const { from, all } = bot();
    const [answer] = await from('U1').send('what is geo-redundant backup');
    const down = button(answer, '👎 Not helpful');
    const [sorry] = await from('U1').click(down.id, down.value);
    expect(sorry?.buttons?.map((b) => b.label)).toEqual(['I still need help']);

    const [told] = await from('U1').send('I still need help');

    expect(told).toMatchObject({ kind: 'handoff', summary: expect.stringMatching(/ticket T-/) });
    expect(await all()).toMatchObject([{ reason: 'unhelpful', question: 'what is geo-redundant backup' }]);
  });

  it('the offer after two misses carries the question and what the matcher considered', async () => {
    const { from, all } = bot();
    await from('U1').send('who won the football match yesterday');
    const [offer] = await from('U1').send('what is the capital of mongolia');
    const human = button(offer, Actions.human);

    await from('U1').click(human.id);

    const [ticket] = await all();
    expect(ticket).toMatchObject({
      reason: 'misses',
      question: 'what is the capital of mongolia',
      direct: true,
    });
    expect(ticket?.transcript.map((l) => l.text)).toContain('who won the football match yesterday');
  });

  it('the ticket carries the last ten lines of the conversation, the newest last', async () => {
    const { from, all } = bot();
    for (let i = 1; i <= 7; i++) await from('U1').send(`what is geo-redundant backup, question ${i}`);

    await from('U1').send('talk to a human');

    const [ticket] = await all();
    const lines = ticket?.transcript.map((l) => `${l.from}: ${l.text}`) ?? [];
    expect(lines).toHaveLength(10);
    expect(lines.filter((l) => l.startsWith('user: ')).slice(0, 4)).toEqual([
      'user: what is geo-redundant backup, question 3',
      'user: what is geo-redundant backup, question 4',
      'user: what is geo-redundant backup, question 5',
      'user: what is geo-redundant backup, question 6',
    ]);
    expect(lines.at(-2)).toBe('user: what is geo-redundant backup, question 7');
  });

  it('a question answered after a miss replaces the missed one on the ticket', async () => {
    const { from, all } = bot();
    await from('U1').send('who won the football match yesterday');
    await from('U1').send('what is geo-redundant backup');

    await from('U1').send('talk to a human');

    expect((await all())[0]).toMatchObject({ reason: 'asked', question: 'what is geo-redundant backup' });
  });

  it('asking again while a ticket is open points to the same ticket', async () => {
    const { from, all, messenger } = bot();
    await from('U1').send('talk to a human');
    const [again] = await from('U1').send('get me a support engineer');

    expect(again?.summary).toMatch(/You already have a ticket with the support team/);
    expect(await all()).toHaveLength(1);
    expect(messenger.sent).toHaveLength(1);
  });
});
