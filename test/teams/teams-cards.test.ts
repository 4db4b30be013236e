import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../adapters/store/memory-store.js';
import { Actions, type Json } from '../../bot/model.js';
import { executeInvoke, feedbackInvoke, personalMessage, submitMessage } from './teams-activities.js';
import { actionsOf, cardOf, startTeamsBot, type TeamsBot, textsOf } from './teams-harness.js';

describe('Teams card clicks', () => {
  let bot: TeamsBot;
  afterEach(async () => {
    await bot.close();
  });

  /** Asks something unclear, so the bot sends a clarify card; returns its message id and pick button. */
  async function clarifyCard() {
    await bot.post(personalMessage(bot.connector.serviceUrl, 'something vague'));
    const sent = bot.connector.messages().at(-1);
    const messageId = `msg-${bot.connector.calls.indexOf(sent as never) + 1}`;
    const pick = actionsOf(cardOf(sent?.activity ?? {}))[0];
    return { messageId, pick: pick as { verb: string; data: unknown; fallback: { data: unknown } } };
  }

  it('turns an Action.Execute click into Turn.action and updates the card in place', async () => {
    bot = await startTeamsBot();
    const { messageId, pick } = await clarifyCard();

    const res = await bot.post(executeInvoke(bot.connector.serviceUrl, messageId, pick.verb, pick.data));

    expect(bot.handler.turns[1]?.action).toEqual({
      id: Actions.pick,
      value: { entryId: 'how-to-geo-restore', promptId: 'p-1' },
    });
    const spent = (res.body as { value: Record<string, unknown> }).value;
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(actionsOf(spent).filter((a) => a.type !== 'Action.OpenUrl')).toEqual([]);
    expect(textsOf(spent).at(-1)).toBe('Chosen: How to geo-restore');
    expect(textsOf(cardOf(bot.connector.messages().at(-1)?.activity ?? {}))[0]).toMatch(/How to geo/);
  });

  it('keeps the reply a card shows rather than the card, and renders it again to spend it on a click', async () => {
    const store = new MemoryStore();
    bot = await startTeamsBot({ store });
    const { messageId, pick } = await clarifyCard();
    const [kept] = await store.list<{ [key: string]: Json }>('teams/card/');
    const sentCard = cardOf(bot.connector.messages().at(-1)?.activity ?? {});

    expect(Object.keys(kept?.value ?? {}).sort()).toEqual(['conversationId', 'reply']);
    expect(JSON.stringify(kept?.value).length).toBeLessThan(JSON.stringify(sentCard).length);

    const labels = actionsOf(sentCard).map((a) => String(a.title));
    const res = await bot.post(executeInvoke(bot.connector.serviceUrl, messageId, pick.verb, pick.data));

    expect(textsOf((res.body as { value: Record<string, unknown> }).value).at(-1)).toBe(
      `Chosen: ${labels[0]}`,
    );
  });

  it('acts once when the same card is clicked twice', async () => {
    bot = await startTeamsBot();
    const { messageId, pick } = await clarifyCard();
    const click = () => bot.post(executeInvoke(bot.connector.serviceUrl, messageId, pick.verb, pick.data));

    const [first, second] = await Promise.all([click(), click()]);

    expect(bot.handler.turns.filter((t) => t.action)).toHaveLength(1);
    expect(bot.connector.messages()).toHaveLength(2);
    expect((second.body as { value: unknown }).value).toEqual((first.body as { value: unknown }).value);
  });

  it('updates an Action.Submit card with a PUT and ignores the second submit', async () => {
    bot = await startTeamsBot();
    const { messageId, pick } = await clarifyCard();

    await bot.post(submitMessage(bot.connector.serviceUrl, messageId, pick.fallback.data));
    await bot.post(submitMessage(bot.connector.serviceUrl, messageId, pick.fallback.data));

    expect(bot.handler.turns.filter((t) => t.action?.id === Actions.pick)).toHaveLength(1);
    const [update] = bot.connector.updates();
    expect(update?.activityId).toBe(messageId);
    expect(actionsOf(cardOf(update?.activity ?? {}))).toEqual([]);
  });

  it('does not act on a card it never sent', async () => {
    bot = await startTeamsBot();
    const forged = { grb: 1, action: 'restore.confirm', card: 'card-999', button: 0 };

    const res = await bot.post(executeInvoke(bot.connector.serviceUrl, 'msg-1', 'restore.confirm', forged));

    expect(bot.handler.turns).toEqual([]);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
  });

  it('answers an Action.Execute whose data is not ours with a 400 the client can show, not a 501', async () => {
    bot = await startTeamsBot();
    const notOurs = { grb: 1, action: 'a'.repeat(300), card: 'card-1', button: 0 };

    const res = await bot.post(executeInvoke(bot.connector.serviceUrl, 'msg-1', 'ok', notOurs));

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    expect(bot.handler.turns).toEqual([]);
    expect(bot.connector.calls).toEqual([]);
  });

  it('with the feedback loop off (TEAMS_FEEDBACK_LOOP=false), thanks for a 👍 button click and passes the answer', async () => {
    bot = await startTeamsBot({ feedbackLoop: false });
    await bot.post(personalMessage(bot.connector.serviceUrl, 'geo restore'));
    const thumbs = actionsOf(cardOf(bot.connector.messages()[0]?.activity ?? {})).find(
      (a) => a.title === '👍 Helpful',
    );

    const res = await bot.post(
      executeInvoke(bot.connector.serviceUrl, 'msg-1', Actions.feedback, thumbs?.data),
    );

    expect(bot.handler.turns[1]?.action).toEqual({
      id: Actions.feedback,
      value: { entryId: 'how-to-geo-restore', answerId: 'a-1', helpful: true },
    });
    expect(textsOf((res.body as { value: Record<string, unknown> }).value).at(-1)).toBe(
      'Thanks for the feedback (👍 Helpful).',
    );
  });

  it('uses the Teams feedback loop by default, and records like/dislike with the comment', async () => {
    bot = await startTeamsBot();
    await bot.post(personalMessage(bot.connector.serviceUrl, 'geo restore'));
    const answer = bot.connector.messages()[0]?.activity ?? {};
    expect(answer.channelData).toEqual({ feedbackLoop: { type: 'default' }, feedbackLoopEnabled: true });
    expect(actionsOf(cardOf(answer)).map((a) => a.title)).not.toContain('👍 Helpful');

    const res = await bot.post(
      feedbackInvoke(bot.connector.serviceUrl, 'msg-1', 'dislike', 'Missing the CLI <at>steps</at>'),
    );

    expect(res.status).toBe(200);
    expect(bot.handler.turns[1]?.action).toEqual({
      id: Actions.feedback,
      value: {
        entryId: 'how-to-geo-restore',
        answerId: 'a-1',
        helpful: false,
        source: 'teams-feedback-loop',
        comment: 'Missing the CLI steps',
      },
    });
  });
});
