import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BOT_ID,
  botAddedToTeam,
  CHANNEL_CONVERSATION,
  channelMention,
  GROUP_CONVERSATION,
  groupChatMention,
  PERSONAL_CONVERSATION,
  personalMessage,
  userAddedToGroup,
} from './teams-activities.js';
import { actionsOf, cardOf, startTeamsBot, type TeamsBot, textsOf } from './teams-harness.js';

describe('Teams conversations over HTTP', () => {
  let bot: TeamsBot;
  beforeEach(async () => {
    bot = await startTeamsBot();
  });
  afterEach(async () => {
    await bot.close();
  });

  it('answers a channel mention in the post reply chain with an Adaptive Card', async () => {
    const activity = channelMention(bot.connector.serviceUrl, 'how do I geo-restore?');

    const res = await bot.post(activity);

    expect(res.status).toBe(200);
    const [sent] = bot.connector.messages();
    expect(sent?.conversationId).toBe(`${CHANNEL_CONVERSATION};messageid=${activity.id}`);
    const card = cardOf(sent?.activity ?? {});
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(textsOf(card)[1]).toBe('Restore the latest geo-backup into the paired region as a new server.');
  });

  it('never passes the bot mention to the engine, and keeps other people as names', async () => {
    await bot.post(channelMention(bot.connector.serviceUrl, 'how do I geo-restore?'));

    const [turn] = bot.handler.turns;
    expect(turn?.text).toBe('how do I geo-restore? Bob Chen');
    expect(turn?.text).not.toContain('GeoRestore Bot');
    expect(turn?.address).toMatchObject({ channel: 'teams', conversationId: CHANNEL_CONVERSATION });
    expect(turn?.address.threadId).toMatch(/^17\d+$/);
  });

  it('answers a 1:1 chat in that chat, with the user named by their Entra object id', async () => {
    await bot.post(personalMessage(bot.connector.serviceUrl, 'restore my server in another region'));

    const [sent] = bot.connector.messages();
    expect(sent?.conversationId).toBe(PERSONAL_CONVERSATION);
    expect(bot.handler.turns[0]?.user).toEqual({
      id: 'a11ce000-0000-4000-8000-000000000001',
      displayName: 'Alice Martin',
    });
  });

  it('answers a group chat mention in the group chat', async () => {
    await bot.post(groupChatMention(bot.connector.serviceUrl, 'which servers can use geo backup'));

    expect(bot.handler.turns[0]?.text).toBe('which servers can use geo backup');
    expect(bot.connector.messages()[0]?.conversationId).toBe(GROUP_CONVERSATION);
  });

  it('stores the conversation reference with every turn, for proactive messages', async () => {
    const activity = channelMention(bot.connector.serviceUrl, 'geo restore');
    await bot.post(activity);

    expect(bot.handler.turns[0]?.address.ref).toMatchObject({
      serviceUrl: bot.connector.serviceUrl,
      conversation: { id: `${CHANNEL_CONVERSATION};messageid=${activity.id}` },
      bot: { id: BOT_ID },
      activityId: activity.id,
    });
  });

  it('renders an answer as summary, detail, context, cited sources and follow-ups, with Teams feedback', async () => {
    await bot.post(personalMessage(bot.connector.serviceUrl, 'geo restore'));

    const activity = bot.connector.messages()[0]?.activity ?? {};
    const card = cardOf(activity);
    const texts = textsOf(card);
    expect(texts[0]).toBe('How to geo-restore a Flexible Server');
    expect(texts).toContain('Applies to: Flexible Server');
    expect(texts).toContain('• The new server gets a new name\n• Firewall rules are not copied');
    expect(texts).toContain('Sources: [1]');
    const actions = actionsOf(card);
    // 👍/👎 are Teams' own buttons under the message (the feedback loop), not buttons in the card.
    expect(actions.map((a) => [a.type, a.title])).toEqual([
      ['Action.OpenUrl', '[1] Geo-restore docs'],
      ['Action.Execute', 'Connect after restore'],
    ]);
    expect(activity.channelData).toMatchObject({ feedbackLoop: { type: 'default' } });
    expect(actions[1]).toMatchObject({
      verb: 'faq.show',
      fallback: { type: 'Action.Submit', title: 'Connect after restore' },
    });
    // The source as a Teams citation of the message, numbered as the card shows it; no AI label.
    expect(activity.entities).toEqual([
      {
        type: 'https://schema.org/Message',
        '@type': 'Message',
        '@context': 'https://schema.org',
        '@id': '',
        citation: [
          {
            '@type': 'Claim',
            position: 1,
            appearance: {
              '@type': 'DigitalDocument',
              name: 'Geo-restore docs',
              url: 'https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-restore-server-portal',
              abstract: 'learn.microsoft.com: Geo-restore docs',
            },
          },
        ],
      },
    ]);
  });

  it('welcomes the team when the bot is added, saying what it can do', async () => {
    await bot.post(botAddedToTeam(bot.connector.serviceUrl));

    const [sent] = bot.connector.messages();
    expect(sent?.conversationId).toBe(CHANNEL_CONVERSATION);
    expect(textsOf(cardOf(sent?.activity ?? {})).join('\n')).toMatch(/geo-restore/);
    expect(bot.handler.turns).toEqual([]);
  });

  it('stays quiet when someone else joins a chat', async () => {
    const res = await bot.post(userAddedToGroup(bot.connector.serviceUrl));

    expect(res.status).toBe(200);
    expect(bot.connector.calls).toEqual([]);
  });

  it('drops control characters before the engine sees the text', async () => {
    await bot.post(personalMessage(bot.connector.serviceUrl, 'geo\u0000 restore\u0007 \u202Eplease'));

    expect(bot.handler.turns[0]?.text).toBe('geo restore please');
  });
});
