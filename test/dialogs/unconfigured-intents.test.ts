import { describe, expect, it } from 'vitest';
import { Actions } from '../../bot/model.js';
import { createTestBot } from '../support/create-test-bot.js';

describe('action intents without live Azure or a support channel', () => {
  it('explains what an eligibility check would look at, that it is off, and how to turn it on', async () => {
    const bot = createTestBot();
    const [reply] = await bot.from('U1').send('can you check if pg-orders-prod has geo backup enabled?');
    expect(reply?.kind).toBe('info');
    expect(reply?.summary).toMatch(/not configured.*pg-orders-prod/);
    expect(reply?.text).toMatch(/AZURE_SUBSCRIPTION_ID/);
    expect(reply?.text).toMatch(/--name pg-orders-prod/);
  });

  it('starts nothing for a restore request and says how an operator allows it', async () => {
    const bot = createTestBot();
    const [reply] = await bot.from('U1').send('please kick off a geo-restore of pg-orders-prod now');
    expect(reply?.summary).toMatch(/nothing was started/);
    expect(reply?.text).toMatch(/RESTORE_ENABLED/);
  });

  it('tells a user asking for a person that no support channel is configured', async () => {
    const bot = createTestBot();
    const [reply] = await bot.from('U1').send('get me a human please');
    expect(reply?.summary).toMatch(/no support channel is configured/);
    const [clicked] = await bot.from('U1').click(Actions.human);
    expect(clicked?.summary).toMatch(/no support channel/);
  });
});
