import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { isBotError } from '../../bot/errors.js';
import type { Address } from '../../bot/model.js';
import { CHANNEL_CONVERSATION, channelMention, personalMessage } from './teams-activities.js';
import { cardOf, startTeamsBot, type TeamsBot, textsOf } from './teams-harness.js';

describe('Teams outbound: retries, typing, proactive messages', () => {
  let bot: TeamsBot;
  afterEach(async () => {
    await bot.close();
  });

  it('retries a throttled send with growing, capped delays until it lands', async () => {
    const delays: number[] = [];
    bot = await startTeamsBot({
      retry: { attempts: 5, baseMs: 100, capMs: 250, sleep: async (ms) => void delays.push(ms) },
    });
    bot.connector.failNext(429, 3);

    await bot.post(personalMessage(bot.connector.serviceUrl, 'geo restore'));

    expect(bot.connector.calls.map((c) => c.status)).toEqual([429, 429, 429, 200]);
    expect(delays).toEqual([100, 200, 250]);
    expect(bot.connector.messages()).toHaveLength(1);
  });

  it('honours Retry-After within the cap', async () => {
    const delays: number[] = [];
    bot = await startTeamsBot({
      retry: { baseMs: 100, capMs: 5000, sleep: async (ms) => void delays.push(ms) },
    });
    bot.connector.failNext(429, 1, '2');

    await bot.post(personalMessage(bot.connector.serviceUrl, 'geo restore'));

    expect(delays).toEqual([2000]);
  });

  it.each([412, 502, 504])('retries %i, and gives up after the set number of attempts', async (status) => {
    bot = await startTeamsBot({ retry: { attempts: 3 } });
    bot.connector.failNext(status, 100);

    const res = await bot.post(personalMessage(bot.connector.serviceUrl, 'geo restore'));

    expect(res.status).toBe(200);
    expect(bot.connector.calls.map((c) => c.status)).toEqual([status, status, status]);
  });

  it('does not retry a 403 from the connector', async () => {
    bot = await startTeamsBot();
    bot.connector.failNext(403, 100);

    await bot.post(personalMessage(bot.connector.serviceUrl, 'geo restore'));

    expect(bot.connector.calls).toHaveLength(1);
  });

  it('shows a typing indicator while a slow turn works, before the answer', async () => {
    bot = await startTeamsBot({ typingDelayMs: 0 });
    bot.handler.gate = bot.connector.waitFor((calls) => calls.some((c) => c.activity.type === 'typing'));

    await bot.post(personalMessage(bot.connector.serviceUrl, 'geo restore'));

    expect(bot.connector.calls.map((c) => c.activity.type)).toEqual(['typing', 'message']);
  });

  it('posts and then updates a proactive message in the stored channel reply chain', async () => {
    bot = await startTeamsBot();
    const activity = channelMention(bot.connector.serviceUrl, 'geo restore');
    await bot.post(activity);
    const address = bot.handler.turns[0]?.address as Address;

    const sent = await bot.edge.messenger.send(address, { kind: 'progress', text: 'Restore started: 0%' });
    await bot.edge.messenger.update(sent, { kind: 'progress', text: 'Restore finished' });

    const post = bot.connector.messages().at(-1);
    expect(post?.conversationId).toBe(`${CHANNEL_CONVERSATION};messageid=${activity.id}`);
    expect(textsOf(cardOf(post?.activity ?? {}))).toEqual(['Restore started: 0%']);
    const [update] = bot.connector.updates();
    expect(update?.activityId).toBe(sent.messageId);
    expect(textsOf(cardOf(update?.activity ?? {}))).toEqual(['Restore finished']);
  });

  it('refuses a proactive send to a non-loopback serviceUrl in local mode', async () => {
    bot = await startTeamsBot();
    const address: Address = {
      channel: 'teams',
      conversationId: 'a:1',
      ref: {
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        conversation: { id: 'a:1' },
        channelId: 'msteams',
      },
    };

    const error = await bot.edge.messenger
      .send(address, { kind: 'info', text: 'hi' })
      .catch((e: unknown) => e);

    expect(isBotError(error, 'channel.failed')).toBe(true);
    expect(bot.connector.calls).toEqual([]);
  });
});

describe('Teams outbound clients', () => {
  it('makes the Bot Connector and user-token clients once and reuses them for later turns', async () => {
    const made: string[] = [];
    const inner = new ConfigurationServiceClientCredentialFactory({});
    const credentials = Object.assign(Object.create(inner) as typeof inner, {
      createCredentials: (...args: Parameters<typeof inner.createCredentials>) => {
        made.push(String(args[1] ?? 'default scope'));
        return inner.createCredentials(...args);
      },
    });
    const bot = await startTeamsBot({ credentials, retry: { attempts: 2, sleep: async () => undefined } });
    try {
      for (const text of ['geo restore', 'rpo', 'geo restore']) {
        await bot.post(personalMessage(bot.connector.serviceUrl, text));
      }
      bot.connector.failNext(502, 1);
      await bot.post(personalMessage(bot.connector.serviceUrl, 'rpo'));

      expect(bot.connector.messages()).toHaveLength(4);
      // One connector client and one user-token client, not two per turn.
      expect(made).toHaveLength(2);
      // The reused client still has the SDK's own retry taken out: one 502, one retry of ours.
      expect(bot.connector.calls.slice(-2).map((c) => c.status)).toEqual([502, 200]);
    } finally {
      await bot.close();
    }
  });
});
