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

  it('renders an answer as summary, detail, context, source link, follow-ups and thumbs', async () => {
    await bot.post(personalMessage(bot.connector.serviceUrl, 'geo restore'));

    const card = cardOf(bot.connector.messages()[0]?.activity ?? {});
    const texts = textsOf(card);
    expect(texts[0]).toBe('How to geo-restore a Flexible Server');
    expect(texts).toContain('Applies to: Flexible Server');
    expect(texts).toContain('• The new server gets a new name\n• Firewall rules are not copied');
    const actions = actionsOf(card);
    expect(actions.map((a) => [a.type, a.title])).toEqual([
      ['Action.OpenUrl', 'Geo-restore docs'],
      ['Action.Execute', 'Connect after restore'],
      ['Action.Execute', '👍 Helpful'],
      ['Action.Execute', '👎 Not helpful'],
    ]);
    expect(actions[1]).toMatchObject({
      verb: 'faq.show',
      fallback: { type: 'Action.Submit', title: 'Connect after restore' },
    });
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
