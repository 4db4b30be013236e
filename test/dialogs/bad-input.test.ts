import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../adapters/store/memory-store.js';
import { BotError } from '../../bot/errors.js';
import { createTestBot } from '../support/create-test-bot.js';

describe('bad input', () => {
  it('answers an empty message with help', async () => {
    const [reply] = await createTestBot().from('U1').send('   ');
    expect(reply?.kind).toBe('help');
  });

  it('refuses a 100 KB message politely without echoing it', async () => {
    const text = 'geo restore '.repeat(10_000);
    const [reply] = await createTestBot().from('U1').send(text);
    expect(reply?.kind).toBe('info');
    expect(reply?.text).toMatch(/too long/);
    expect(reply?.text.length).toBeLessThan(300);
  });

  it('reads through control characters and invisible format characters', async () => {
    const [reply] = await createTestBot()
      .from('U1')
      .send('what\u0000 is\u202e geo\u200b-redundant\u0007 backup?\u001b[31m');
    expect(reply?.kind).toBe('answer');
  });

  it('handles emoji-only and markup-only messages without crashing', async () => {
    const bot = createTestBot();
    for (const text of [
      '🙂🔥💾',
      '<!channel> <@U123>',
      '<script>alert(1)</script>',
      '**__``[x](javascript:y)``__**',
    ]) {
      const replies = await bot.from('U1').send(text);
      expect(replies.length).toBeGreaterThan(0);
      expect(replies.every((r) => !r.text.includes('<!channel>') && !r.text.includes('<script>'))).toBe(true);
    }
  });

  it('answers through leftover Slack and Teams markup', async () => {
    const [reply] = await createTestBot()
      .from('U1')
      .send('<at>GeoRestore</at> <@U999> what is the RPO of a geo restore?');
    expect(reply?.kind).toBe('answer');
  });

  it('tells the user to retry, and offers a person, when the store fails', async () => {
    const store = new MemoryStore();
    store.read = async () => {
      throw new BotError('store.unavailable', 'disk gone');
    };
    const [reply] = await createTestBot({ store }).from('U1').send('what is geo-redundant backup?');
    expect(reply).toMatchObject({ kind: 'error', text: expect.stringMatching(/try again/) });
    expect(reply?.text).not.toMatch(/disk gone/);
  });
});
