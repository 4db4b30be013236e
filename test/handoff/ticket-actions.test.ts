import { describe, expect, it } from 'vitest';
import type { Reply } from '../../bot/model.js';
import { button } from '../support/create-test-bot.js';
import { createHandoffTestBot } from '../support/handoff-test-bot.js';

function setup() {
  const { messenger, all, ...bot } = createHandoffTestBot();
  /** The ticket card as it is now. */
  const card = (): Reply | undefined => messenger.current(messenger.sent[0]?.messageId ?? '');
  const click = (user: string, reply: Reply | undefined, label: string) => {
    const b = button(reply, label);
    return bot.from(user).click(b.id, b.value);
  };
  const ticket = async () => (await all())[0];
  return { bot, messenger, card, click, ticket };
}

describe('ticket buttons and the requester’s answer', () => {
  it('a resolved ticket can be reopened from its card by the support team', async () => {
    const { bot, card, click, ticket } = setup();
    await bot.from('UDAVE').send('talk to a human');
    await click('UBOB', card(), 'Resolve');
    expect(card()?.buttons?.map((b) => b.label)).toEqual(['Reopen']);

    const [reply] = await click('UBOB', card(), 'Reopen');

    expect(reply?.text).toMatch(/^You reopened T-/);
    expect((await ticket())?.state).toBe('open');
  });

  it('"No, I still need help" after resolution reopens the ticket', async () => {
    const { bot, messenger, card, click, ticket } = setup();
    await bot.from('UDAVE').send('talk to a human');
    await click('UBOB', card(), 'Claim');
    await click('UBOB', card(), 'Resolve');
    const question = messenger.sent.find((s) => s.reply.text.includes('Did the support team'))?.reply;

    const [reply] = await click('UDAVE', question, 'No, I still need help');

    expect(reply?.text).toMatch(/I reopened T-/);
    expect(await ticket()).toMatchObject({ state: 'open', feedback: { helpful: false } });
  });

  it('the requester’s answer cannot be given by someone else', async () => {
    const { bot, messenger, card, click, ticket } = setup();
    await bot.from('UDAVE').send('talk to a human');
    await click('UBOB', card(), 'Resolve');
    const question = messenger.sent.find((s) => s.reply.text.includes('Did the support team'))?.reply;

    const [reply] = await click('UMALLORY', question, 'Yes, it helped');

    expect(reply?.text).toBe('Only the person who asked can answer that.');
    expect((await ticket())?.feedback).toBeUndefined();
  });
});
