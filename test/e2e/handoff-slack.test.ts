import { describe, expect, it } from 'vitest';
import { RecordingLogger } from '../support/recording-logger.js';
import { appMention, eventEnvelope } from '../support/slack-requests.js';
import { ALICE, labelsOf, SUB_A, textOf } from './e2e-bot.js';
import * as h from './handoff-slack-harness.js';

/**
 * Issue 6 through Slack's HTTP edge (see handoff-slack-harness.ts). This file: asking for a person, working a ticket, the one-to-one relay.
 */

h.useHandoffBot();

describe('asking for a person', () => {
  it('opens a ticket from the middle of a restore dialog and posts it to the support channel', async () => {
    await h.start();
    h.e2e.arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-prod', name: 'pg-orders' });
    const me = h.e2e.as(ALICE, 'D1');
    const { reply: askName } = await me.slash('restore pg-orders');
    expect(textOf(askName)).toMatch(/name/i);

    const told = await h.dmFor(me, 'can I talk to a human please', /I have asked the support team/);
    await h.until(() => h.cards().length === 1);

    expect(textOf(told)).toMatch(/I have asked the support team to help: ticket T-/);
    expect(textOf(told)).toMatch(/pass on what you write in this chat/);
    const card = h.cards()[0];
    expect(textOf(card)).toContain('restore pg-orders');
    expect(textOf(card)).toContain('asked for a person');
    expect(textOf(card)).toMatch(/user: restore pg-orders/);
    expect(labelsOf(card)).toEqual(['Claim', 'Resolve']);
    const [ticket] = await h.tickets();
    expect(ticket).toMatchObject({ state: 'open', direct: true, requester: { id: ALICE } });
    // The restore dialog was left: typing a name now is not taken as the new server's name.
    expect(h.e2e.puts()).toBe(0);
  });

  it('offers a person after two misses in a row and hands over what the bot considered', async () => {
    await h.start();
    const me = h.e2e.as(h.DAVE, 'C1');
    const { ts: thread } = await me.mention('who won the football match yesterday');
    const { reply: second } = await me.mention('what is the capital of mongolia', thread);
    expect(textOf(second)).toMatch(/two questions in a row/);

    const told = await h.clickFor(me, second, 'Talk to a person', /I have asked the support team/);
    await h.until(() => h.cards().length === 1);

    expect(textOf(told)).toMatch(/ticket T-/);
    expect(textOf(told)).toMatch(/answer in this thread/);
    expect(textOf(h.cards()[0])).toContain('two questions the bot could not answer');
    expect(textOf(h.cards()[0])).toContain('Question: what is the capital of mongolia');
    const [ticket] = await h.tickets();
    expect(ticket).toMatchObject({ reason: 'misses', direct: false, address: { threadId: thread } });
  });
});

describe('working a ticket from the support channel', () => {
  async function openInThread() {
    const me = h.e2e.as(h.DAVE, 'C1');
    const { ts: thread } = await me.mention('talk to a human');
    await h.until(() => h.cards().length === 1);
    return { me, thread, card: h.cards()[0] };
  }

  it('claims once on a double click, edits the card in place and tells the requester', async () => {
    await h.start();
    h.e2e.stub.users.set(h.BOB, { name: 'bob', real_name: 'Bob Ray' });
    const { thread, card } = await openInThread();
    const bob = h.e2e.as(h.BOB, h.SUPPORT);

    const first = await h.clickFor(bob, card, 'Claim', /claimed T-/);
    const second = await h.clickFor(bob, card, 'Claim', /already claimed/);

    expect(textOf(first)).toMatch(/^You claimed T-/);
    expect(textOf(second)).toMatch(/^You have already claimed T-/);
    const [ticket] = await h.tickets();
    expect(ticket?.history.filter((e) => e.what === 'claimed')).toHaveLength(1);
    const now = h.cardNow(card);
    expect(now?.method).toBe('chat.update');
    // The name Slack shows (the profile), never the handle the click payload carries.
    expect(textOf(now)).toContain('Claimed by: Bob Ray');
    expect(labelsOf(now)).toEqual(['Resolve']);
    await h.until(() =>
      h
        .inChannel('C1', thread)
        .some((c) => textOf(c).includes('Bob Ray from the support team has picked up')),
    );
  });

  it('refuses a click by someone who is not on the support team, and changes nothing', async () => {
    await h.start();
    const { card } = await openInThread();

    const refused = await h.clickFor(h.e2e.as(h.DAVE, h.SUPPORT), card, 'Claim', /Only the support team/);

    expect(textOf(refused)).toMatch(/Only the support team .* can work tickets, so nothing was changed/);
    expect((await h.tickets())[0]?.state).toBe('open');
    // The card is shown again unchanged (a channel that spends a card on any click gets it back).
    expect(labelsOf(h.cardNow(card))).toEqual(['Claim', 'Resolve']);
  });

  it('stays silent in a claimed thread until the person hands back, then asks whether it helped', async () => {
    const logger = new RecordingLogger();
    await h.start({ logger });
    const { me, thread, card } = await openInThread();
    await h.clickFor(h.e2e.as(h.BOB, h.SUPPORT), card, 'Claim', /You claimed/);
    await h.until(() => h.inChannel('C1', thread).some((c) => textOf(c).includes('has picked up')));
    const before = h.inChannel('C1', thread).length;

    // The requester and the person talk in the thread; the bot, mentioned, says nothing.
    await h.e2e.send(
      eventEnvelope(
        appMention({
          text: '<@UBOT> what is geo-redundant backup',
          ts: '1767100999.000001',
          threadTs: thread,
          user: h.DAVE,
          channel: 'C1',
        }),
      ),
    );
    await logger.until('ticket.silent');
    expect(h.inChannel('C1', thread)).toHaveLength(before);

    const back = await h.expectPosted(
      () => h.e2e.as(h.BOB, 'C1').mention('take over', thread),
      /handed this/,
    );
    expect(textOf(back)).toMatch(/handed this conversation back to me/);
    expect((await h.tickets())[0]).toMatchObject({ state: 'resolved', resolution: 'handed-back' });

    const answered = await h.expectPosted(() => me.mention('what is geo-redundant backup', thread), /geo/i);
    expect(answered?.args.thread_ts).toBe(thread);
  });

  it('resolves from the card, asks the requester whether it helped and records the answer once', async () => {
    await h.start();
    const { me, thread, card } = await openInThread();
    const bob = h.e2e.as(h.BOB, h.SUPPORT);
    await h.clickFor(bob, card, 'Claim', /You claimed/);

    const resolved = await h.clickFor(bob, card, 'Resolve', /You resolved/);
    expect(textOf(resolved)).toMatch(/^You resolved T-/);
    await h.until(() => h.inChannel('C1', thread).some((c) => textOf(c).includes('Did the support team')));
    const question = h.inChannel('C1', thread).find((c) => textOf(c).includes('Did the support team'));
    expect(labelsOf(question)).toEqual(['Yes, it helped', 'No, I still need help']);
    expect(labelsOf(h.cardNow(card))).toEqual(['Reopen']);

    const thanks = await h.clickFor(me, question, 'Yes, it helped', /Thank you/);
    const again = await h.clickFor(me, question, 'No, I still need help', /already answered/);

    expect(textOf(thanks)).toMatch(/Glad the support team could help/);
    expect(textOf(again)).toMatch(/already answered/);
    expect((await h.tickets())[0]?.feedback).toMatchObject({ helpful: true });
  });
});

describe('the one-to-one relay', () => {
  it('passes the requester’s messages to the support thread and the person’s answers back, marked', async () => {
    // No profiles in the stub: users.info answers user_not_found, as without the users:read scope.
    await h.start();
    const me = h.e2e.as(h.DAVE, 'D7');
    await me.dm('I need to talk to a person');
    await h.until(() => h.cards().length === 1);
    const card = h.cards()[0];
    const supportThread = h.postedTs(card);

    const waiting = await h.dmFor(me, 'my server pg-orders is <!channel> down', /added that/);
    expect(textOf(waiting)).toMatch(/added that to your ticket/);
    await h.until(() => h.inChannel(h.SUPPORT, supportThread).length === 1);
    const relayed = h.inChannel(h.SUPPORT, supportThread)[0];
    expect(textOf(relayed)).toBe(`From ${h.DAVE}: my server pg-orders is @channel down`);
    // What the user typed cannot ping the support channel.
    expect(JSON.stringify(relayed?.args)).not.toContain('<!channel>');

    await h.e2e.as(h.BOB, h.SUPPORT).reply('Looking at it now, hang on', supportThread);
    await h.until(() => h.inChannel('D7').some((c) => textOf(c).startsWith('From support')));
    expect(textOf(h.inChannel('D7').find((c) => textOf(c).startsWith('From support')))).toBe(
      `From support (${h.BOB}): Looking at it now, hang on`,
    );
    // The person's first message claimed the ticket.
    expect((await h.tickets())[0]).toMatchObject({ state: 'claimed', claimedBy: { id: h.BOB } });

    const before = h.inChannel('D7').length;
    await me.dm('thanks!');
    await h.until(() => h.inChannel(h.SUPPORT, supportThread).length === 2);
    expect(h.inChannel('D7')).toHaveLength(before);
  });

  it('names both sides from users.info, escaped, and shows ids when Slack will not say', async () => {
    await h.start();
    h.e2e.stub.users.set(h.DAVE, { name: 'dave', real_name: 'Dave <!here> Kim' });
    h.e2e.stub.users.set(h.BOB, { name: 'bob', real_name: 'Bob Ray', display_name: 'Bobby' });
    const me = h.e2e.as(h.DAVE, 'D7');
    // An ordinary question needs nobody's name, so nobody is looked up for it.
    await h.dmFor(me, 'what is geo-redundant backup?', /geo-redundant/i);
    expect(h.e2e.stub.accepted('users.info')).toEqual([]);
    await me.dm('I need to talk to a person');
    await h.until(() => h.cards().length === 1);
    const supportThread = h.postedTs(h.cards()[0]);
    expect(textOf(h.cards()[0])).toContain('Dave <!here> Kim');

    await h.dmFor(me, 'still down', /added that/);
    await h.until(() => h.inChannel(h.SUPPORT, supportThread).length === 1);
    const relayed = h.inChannel(h.SUPPORT, supportThread)[0];
    expect(textOf(relayed)).toBe('From Dave <!here> Kim: still down');
    // A name is text like any other, escaped: it cannot ping the channel.
    expect(JSON.stringify(relayed?.args)).not.toContain('<!here>');
    expect(JSON.stringify(h.cards()[0]?.args)).not.toContain('<!here>');

    await h.e2e.as(h.BOB, h.SUPPORT).reply('On it', supportThread);
    await h.until(() => h.inChannel('D7').some((c) => textOf(c).startsWith('From support')));
    expect(textOf(h.inChannel('D7').find((c) => textOf(c).startsWith('From support')))).toBe(
      'From support (Bobby): On it',
    );
    expect(h.e2e.stub.accepted('users.info').map((c) => c.args.user)).toEqual([h.DAVE, h.BOB]);
    // Every Web API call (lookups, posts, edits) is made with the bot token, none without.
    const webApi = h.e2e.stub.calls.filter((c) => !c.method.startsWith('respond:'));
    expect(new Set(webApi.map((c) => c.authorization))).toEqual(
      new Set(['Bearer xoxb-e2e-0000-secret-token']),
    );
  });

  it('ignores support-channel chatter that is not a ticket thread', async () => {
    const logger = new RecordingLogger();
    await h.start({ logger });
    await h.e2e.as(h.BOB, h.SUPPORT).reply('lunch?', '1767000000.999999');
    await logger.until('ticket.silent');
    expect(h.e2e.stub.accepted('chat.postMessage')).toHaveLength(0);
  });
});
