import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../bot/ports/escalations.js';
import type { Scheduler } from '../../dialogs/restore/run/restore-runner.js';
import { ManualClock } from '../support/manual-clock.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { realMatcher } from '../support/shared-knowledge.js';
import type { StubCall } from '../support/slack-api-stub.js';
import { appMention, eventEnvelope } from '../support/slack-requests.js';
import { ALICE, type E2e, labelsOf, MALLORY, SUB_A, startE2e, textOf } from './e2e-bot.js';

/**
 * Issue 6 through Slack's HTTP edge: tickets opened from conversations, posted to the support channel,
 * claimed and resolved with buttons that edit the card in place, silence in a thread a person owns,
 * the one-to-one relay, reminders, approvals and a restart, all with signed requests and the loopback
 * Slack Web API (and the loopback ARM for restores).
 */

const SUPPORT = 'CSUPPORT1';
const BOB = 'U0BOB0001';
const DAVE = 'U0DAVE001';
const ONCALL = 'S0ONCALL1';

/** Never fires on its own: the reminder test calls tick() after moving the clock. */
const heldScheduler: Scheduler = { after: () => () => {} };

// Building the matcher takes seconds on a busy machine: once, before the first test's clock starts.
beforeAll(() => {
  realMatcher();
}, 120_000);

let e2e: E2e;
let dataDir: string | undefined;
afterEach(async () => {
  await e2e?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

function start(extra: Parameters<typeof startE2e>[0] = {}) {
  return startE2e({
    env: {
      SUPPORT_SLACK_CHANNEL_ID: SUPPORT,
      SUPPORT_AGENTS: `slack:${BOB},slack:${ALICE},slack:${MALLORY}`,
      SUPPORT_ONCALL_SLACK: ONCALL,
      SUPPORT_RENOTIFY_MINUTES: '15',
    },
    reminderScheduler: heldScheduler,
    ...extra,
  });
}

const isCard = (c: StubCall) => c.args.channel === SUPPORT && textOf(c).startsWith('Ticket T-');
/** The ticket card as first posted in the support channel. */
const cards = () => e2e.stub.accepted('chat.postMessage').filter(isCard);
/** The card's latest text: its last edit in place, or as posted. */
function cardNow(card: StubCall | undefined): StubCall | undefined {
  const ts = (card?.args as { ts?: string } | undefined)?.ts ?? postedTs(card);
  const edits = e2e.stub.accepted('chat.update').filter((u) => u.args.ts === ts);
  return edits.at(-1) ?? card;
}
/** The ts Slack gave a posted message (the stub numbers them in order). */
function postedTs(call: StubCall | undefined): string {
  const index = e2e.stub.calls.indexOf(call as StubCall);
  const all = e2e.stub.calls.filter((c) => c.method.startsWith('chat.post'));
  const n = all.indexOf(call as StubCall) + 1;
  if (index < 0 || n === 0) throw new Error('not a posted message');
  return `1767000000.${String(n).padStart(6, '0')}`;
}
const tickets = async () => (await e2e.store.list<Ticket>('ticket/t/')).map((r) => r.value);
const inChannel = (channel: string, thread?: string) =>
  e2e.stub
    .accepted('chat.postMessage')
    .filter((c) => c.args.channel === channel && (thread === undefined || c.args.thread_ts === thread));
const until = (check: () => boolean) => e2e.stub.until(check);

/**
 * Does `act`, then waits for a message matching `pattern` posted after it. Turns run after their ack,
 * so a message of the previous turn (the ticket card, a notice) can still land in between.
 */
async function expectPosted(act: () => Promise<unknown>, pattern: RegExp): Promise<StubCall | undefined> {
  const before = e2e.messages().length;
  await act();
  const posted = await e2e.postedAfter(before, (p) => p.some((c) => pattern.test(textOf(c))));
  return posted.find((c) => pattern.test(textOf(c)));
}
type Who = ReturnType<E2e['as']>;
const clickFor = (who: Who, on: StubCall | undefined, label: string, pattern: RegExp) =>
  expectPosted(() => who.click(on, label), pattern);
const dmFor = (who: Who, text: string, pattern: RegExp) => expectPosted(() => who.dm(text), pattern);

describe('asking for a person', () => {
  it('opens a ticket from the middle of a restore dialog and posts it to the support channel', async () => {
    e2e = await start();
    e2e.arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-prod', name: 'pg-orders' });
    const me = e2e.as(ALICE, 'D1');
    const { reply: askName } = await me.slash('restore pg-orders');
    expect(textOf(askName)).toMatch(/name/i);

    const told = await dmFor(me, 'can I talk to a human please', /I have asked the support team/);
    await until(() => cards().length === 1);

    expect(textOf(told)).toMatch(/I have asked the support team to help: ticket T-/);
    expect(textOf(told)).toMatch(/pass on what you write in this chat/);
    const card = cards()[0];
    expect(textOf(card)).toContain('restore pg-orders');
    expect(textOf(card)).toContain('asked for a person');
    expect(textOf(card)).toMatch(/user: restore pg-orders/);
    expect(labelsOf(card)).toEqual(['Claim', 'Resolve']);
    const [ticket] = await tickets();
    expect(ticket).toMatchObject({ state: 'open', direct: true, requester: { id: ALICE } });
    // The restore dialog was left: typing a name now is not taken as the new server's name.
    expect(e2e.puts()).toBe(0);
  });

  it('offers a person after two misses in a row and hands over what the bot considered', async () => {
    e2e = await start();
    const me = e2e.as(DAVE, 'C1');
    const { ts: thread } = await me.mention('who won the football match yesterday');
    const { reply: second } = await me.mention('what is the capital of mongolia', thread);
    expect(textOf(second)).toMatch(/two questions in a row/);

    const told = await clickFor(me, second, 'Talk to a person', /I have asked the support team/);
    await until(() => cards().length === 1);

    expect(textOf(told)).toMatch(/ticket T-/);
    expect(textOf(told)).toMatch(/answer in this thread/);
    expect(textOf(cards()[0])).toContain('two questions the bot could not answer');
    expect(textOf(cards()[0])).toContain('Question: what is the capital of mongolia');
    const [ticket] = await tickets();
    expect(ticket).toMatchObject({ reason: 'misses', direct: false, address: { threadId: thread } });
  });
});

describe('working a ticket from the support channel', () => {
  async function openInThread() {
    const me = e2e.as(DAVE, 'C1');
    const { ts: thread } = await me.mention('talk to a human');
    await until(() => cards().length === 1);
    return { me, thread, card: cards()[0] };
  }

  it('claims once on a double click, edits the card in place and tells the requester', async () => {
    e2e = await start();
    const { thread, card } = await openInThread();
    const bob = e2e.as(BOB, SUPPORT);

    const first = await clickFor(bob, card, 'Claim', /claimed T-/);
    const second = await clickFor(bob, card, 'Claim', /already claimed/);

    expect(textOf(first)).toMatch(/^You claimed T-/);
    expect(textOf(second)).toMatch(/^You have already claimed T-/);
    const [ticket] = await tickets();
    expect(ticket?.history.filter((h) => h.what === 'claimed')).toHaveLength(1);
    const now = cardNow(card);
    expect(now?.method).toBe('chat.update');
    expect(textOf(now)).toContain('Claimed by: bob');
    expect(labelsOf(now)).toEqual(['Resolve']);
    await until(() => inChannel('C1', thread).some((c) => textOf(c).includes('has picked up your request')));
  });

  it('refuses a click by someone who is not on the support team, and changes nothing', async () => {
    e2e = await start();
    const { card } = await openInThread();

    const refused = await clickFor(e2e.as(DAVE, SUPPORT), card, 'Claim', /Only the support team/);

    expect(textOf(refused)).toMatch(/Only the support team .* can work tickets, so nothing was changed/);
    expect((await tickets())[0]?.state).toBe('open');
    // The card is shown again unchanged (a channel that spends a card on any click gets it back).
    expect(labelsOf(cardNow(card))).toEqual(['Claim', 'Resolve']);
  });

  it('stays silent in a claimed thread until the person hands back, then asks whether it helped', async () => {
    const logger = new RecordingLogger();
    e2e = await start({ logger });
    const { me, thread, card } = await openInThread();
    await clickFor(e2e.as(BOB, SUPPORT), card, 'Claim', /You claimed/);
    await until(() => inChannel('C1', thread).some((c) => textOf(c).includes('has picked up')));
    const before = inChannel('C1', thread).length;

    // The requester and the person talk in the thread; the bot, mentioned, says nothing.
    await e2e.send(
      eventEnvelope(
        appMention({
          text: '<@UBOT> what is geo-redundant backup',
          ts: '1767100999.000001',
          threadTs: thread,
          user: DAVE,
          channel: 'C1',
        }),
      ),
    );
    await logger.until('ticket.silent');
    expect(inChannel('C1', thread)).toHaveLength(before);

    const back = await expectPosted(() => e2e.as(BOB, 'C1').mention('take over', thread), /handed this/);
    expect(textOf(back)).toMatch(/handed this conversation back to me/);
    expect((await tickets())[0]).toMatchObject({ state: 'resolved', resolution: 'handed-back' });

    const answered = await expectPosted(() => me.mention('what is geo-redundant backup', thread), /geo/i);
    expect(answered?.args.thread_ts).toBe(thread);
  });

  it('resolves from the card, asks the requester whether it helped and records the answer once', async () => {
    e2e = await start();
    const { me, thread, card } = await openInThread();
    const bob = e2e.as(BOB, SUPPORT);
    await clickFor(bob, card, 'Claim', /You claimed/);

    const resolved = await clickFor(bob, card, 'Resolve', /You resolved/);
    expect(textOf(resolved)).toMatch(/^You resolved T-/);
    await until(() => inChannel('C1', thread).some((c) => textOf(c).includes('Did the support team')));
    const question = inChannel('C1', thread).find((c) => textOf(c).includes('Did the support team'));
    expect(labelsOf(question)).toEqual(['Yes, it helped', 'No, I still need help']);
    expect(labelsOf(cardNow(card))).toEqual(['Reopen']);

    const thanks = await clickFor(me, question, 'Yes, it helped', /Thank you/);
    const again = await clickFor(me, question, 'No, I still need help', /already answered/);

    expect(textOf(thanks)).toMatch(/Glad the support team could help/);
    expect(textOf(again)).toMatch(/already answered/);
    expect((await tickets())[0]?.feedback).toMatchObject({ helpful: true });
  });
});

describe('the one-to-one relay', () => {
  it('passes the requester’s messages to the support thread and the person’s answers back, marked', async () => {
    // No profiles in the stub: users.info answers user_not_found, as without the users:read scope.
    e2e = await start();
    const me = e2e.as(DAVE, 'D7');
    await me.dm('I need to talk to a person');
    await until(() => cards().length === 1);
    const card = cards()[0];
    const supportThread = postedTs(card);

    const waiting = await dmFor(me, 'my server pg-orders is <!channel> down', /added that/);
    expect(textOf(waiting)).toMatch(/added that to your ticket/);
    await until(() => inChannel(SUPPORT, supportThread).length === 1);
    const relayed = inChannel(SUPPORT, supportThread)[0];
    expect(textOf(relayed)).toBe(`From ${DAVE}: my server pg-orders is @channel down`);
    // What the user typed cannot ping the support channel.
    expect(JSON.stringify(relayed?.args)).not.toContain('<!channel>');

    await e2e.as(BOB, SUPPORT).reply('Looking at it now, hang on', supportThread);
    await until(() => inChannel('D7').some((c) => textOf(c).startsWith('From support')));
    expect(textOf(inChannel('D7').find((c) => textOf(c).startsWith('From support')))).toBe(
      `From support (${BOB}): Looking at it now, hang on`,
    );
    // The person's first message claimed the ticket.
    expect((await tickets())[0]).toMatchObject({ state: 'claimed', claimedBy: { id: BOB } });

    const before = inChannel('D7').length;
    await me.dm('thanks!');
    await until(() => inChannel(SUPPORT, supportThread).length === 2);
    expect(inChannel('D7')).toHaveLength(before);
  });

  it('names both sides from users.info, escaped, and shows ids when Slack will not say', async () => {
    e2e = await start();
    e2e.stub.users.set(DAVE, { name: 'dave', real_name: 'Dave <!here> Kim' });
    e2e.stub.users.set(BOB, { name: 'bob', real_name: 'Bob Ray', display_name: 'Bobby' });
    const me = e2e.as(DAVE, 'D7');
    // An ordinary question needs nobody's name, so nobody is looked up for it.
    await dmFor(me, 'what is geo-redundant backup?', /geo-redundant/i);
    expect(e2e.stub.accepted('users.info')).toEqual([]);
    await me.dm('I need to talk to a person');
    await until(() => cards().length === 1);
    const supportThread = postedTs(cards()[0]);
    expect(textOf(cards()[0])).toContain('Dave <!here> Kim');

    await dmFor(me, 'still down', /added that/);
    await until(() => inChannel(SUPPORT, supportThread).length === 1);
    const relayed = inChannel(SUPPORT, supportThread)[0];
    expect(textOf(relayed)).toBe('From Dave <!here> Kim: still down');
    // A name is text like any other, escaped: it cannot ping the channel.
    expect(JSON.stringify(relayed?.args)).not.toContain('<!here>');
    expect(JSON.stringify(cards()[0]?.args)).not.toContain('<!here>');

    await e2e.as(BOB, SUPPORT).reply('On it', supportThread);
    await until(() => inChannel('D7').some((c) => textOf(c).startsWith('From support')));
    expect(textOf(inChannel('D7').find((c) => textOf(c).startsWith('From support')))).toBe(
      'From support (Bobby): On it',
    );
    expect(e2e.stub.accepted('users.info').map((c) => c.args.user)).toEqual([DAVE, BOB]);
    // Every Web API call (lookups, posts, edits) is made with the bot token, none without.
    const webApi = e2e.stub.calls.filter((c) => !c.method.startsWith('respond:'));
    expect(new Set(webApi.map((c) => c.authorization))).toEqual(
      new Set(['Bearer xoxb-e2e-0000-secret-token']),
    );
  });

  it('ignores support-channel chatter that is not a ticket thread', async () => {
    const logger = new RecordingLogger();
    e2e = await start({ logger });
    await e2e.as(BOB, SUPPORT).reply('lunch?', '1767000000.999999');
    await logger.until('ticket.silent');
    expect(e2e.stub.accepted('chat.postMessage')).toHaveLength(0);
  });
});

describe('channel messages', () => {
  it('drops messages of other channels before anything is stored, and still answers mentions there', async () => {
    e2e = await start();
    const seen = async () => (await e2e.store.list('slack:seen:event:')).length;
    const before = await seen();

    await e2e.as(DAVE, 'C1').reply('just chatting in a thread', '1767000000.000777');
    const { reply } = await e2e.as(DAVE, 'C1').mention('what is geo-redundant backup');

    expect(textOf(reply)).toMatch(/geo/i);
    // Only the mention was recorded for de-duplication; the plain channel message was dropped first.
    expect(await seen()).toBe(before + 1);
    expect(inChannel('C1', '1767000000.000777')).toHaveLength(0);
  });
});

describe('reminders', () => {
  it('re-notifies an unclaimed ticket once per period, mentioning the on-call group', async () => {
    const clock = new ManualClock(new Date().toISOString());
    const logger = new RecordingLogger();
    e2e = await start({ clock, logger });
    await e2e.as(DAVE, 'D7').dm('talk to a human');
    await logger.until('ticket.posted');
    const thread = postedTs(cards()[0]);
    const reminders = e2e.bot.handoff?.reminders;
    if (!reminders) throw new Error('handoff is not configured');

    clock.advance(14 * 60_000);
    expect(await reminders.tick()).toBe(0);
    clock.advance(2 * 60_000);
    expect(await reminders.tick()).toBe(1);
    expect(await reminders.tick()).toBe(0);

    const reminder = inChannel(SUPPORT, thread)[0];
    expect(textOf(reminder)).toMatch(/^<!subteam\^S0ONCALL1> Ticket T-\w+ has waited 16 minutes/);
    const blocks = (reminder?.args.blocks ?? []) as Array<{ text?: { text: string } }>;
    expect(blocks[0]?.text?.text).toBe(`<!subteam^${ONCALL}>`);
    clock.advance(15 * 60_000);
    expect(await reminders.tick()).toBe(1);

    await clickFor(e2e.as(BOB, SUPPORT), cards()[0], 'Claim', /You claimed/);
    clock.advance(60 * 60_000);
    expect(await reminders.tick()).toBe(0);
  });
});

describe('approvals', () => {
  it('turns a restore by someone not allowed into an approval that only a second, allowed person can give', async () => {
    e2e = await start();
    e2e.arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-prod', name: 'pg-orders' });
    e2e.arm.scriptRestores({ pollsUntilDone: 1 });
    const mallory = e2e.as(MALLORY, 'D9');
    const { reply: askName } = await mallory.slash('restore pg-orders');
    const askGroup = await (await mallory.click(askName, 'Use pg-orders-geo')).reply();
    const asked = await clickFor(mallory, askGroup, 'restore.group', /approve it/);
    await until(() => cards().length === 1);

    expect(textOf(asked)).toMatch(/asked the support team to approve it: ticket T-/);
    const card = cards()[0];
    expect(textOf(card)).toContain('approval of a geo-restore');
    expect(textOf(card)).toContain('pg-orders → rg-prod/pg-orders-geo in westus');
    expect(labelsOf(card)).toEqual(['Approve restore', 'Decline', 'Claim', 'Resolve']);

    const self = await clickFor(e2e.as(MALLORY, SUPPORT), card, 'Approve restore', /yourself/);
    expect(textOf(self)).toMatch(/You asked for this restore yourself/);
    const notAllowed = await clickFor(e2e.as(BOB, SUPPORT), card, 'Approve restore', /RESTORE_ALLOWED/);
    expect(textOf(notAllowed)).toMatch(/not on RESTORE_ALLOWED_USERS/);
    expect(e2e.puts()).toBe(0);

    const approved = await clickFor(e2e.as(ALICE, SUPPORT), card, 'Approve restore', /approved T-/);
    expect(textOf(approved)).toMatch(/^You approved T-/);
    await until(() => inChannel('D9').some((c) => textOf(c).startsWith('Geo-restore complete')));
    const again = await clickFor(e2e.as(ALICE, SUPPORT), card, 'Approve restore', /already closed/);

    expect(textOf(again)).toMatch(/already closed/);
    expect(e2e.puts()).toBe(1);
    expect((await tickets())[0]).toMatchObject({
      state: 'resolved',
      resolution: 'approved',
      approval: { decision: { approved: true, by: { id: ALICE } } },
    });
    const confirmed = (await e2e.audit()).find((a) => a.kind === 'restore.confirmed');
    expect(confirmed).toMatchObject({
      askedBy: { userId: MALLORY },
      confirmedBy: { userId: ALICE },
      detail: expect.stringMatching(/^approved on ticket T-/),
    });
  });
});

describe('a declined approval', () => {
  it('tells the requester, starts nothing and closes the ticket', async () => {
    e2e = await start();
    e2e.arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-prod', name: 'pg-orders' });
    const mallory = e2e.as(MALLORY, 'D9');
    const { reply: askName } = await mallory.slash('restore pg-orders');
    const askGroup = await (await mallory.click(askName, 'Use pg-orders-geo')).reply();
    await clickFor(mallory, askGroup, 'restore.group', /approve it/);
    await until(() => cards().length === 1);

    const declined = await clickFor(e2e.as(ALICE, SUPPORT), cards()[0], 'Decline', /You declined T-/);
    await until(() => inChannel('D9').some((c) => textOf(c).includes('declined your geo-restore request')));

    expect(textOf(declined)).toMatch(/Nothing was started/);
    expect(e2e.puts()).toBe(0);
    expect((await tickets())[0]).toMatchObject({ state: 'resolved', resolution: 'declined' });
    expect(labelsOf(cardNow(cards()[0]))).toEqual([]);
  });
});

describe('a failed live operation', () => {
  it('opens a ticket with Azure’s ids when a geo-restore ends Failed', async () => {
    e2e = await start();
    e2e.arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-prod', name: 'pg-orders' });
    e2e.arm.scriptRestores({
      pollsUntilDone: 1,
      fail: { code: 'GeoRestoreFailed', message: 'raw azure text' },
    });
    const me = e2e.as(ALICE, 'D1');
    const { reply: askName } = await me.slash('restore pg-orders');
    const askGroup = await clickFor(me, askName, 'Use pg-orders-geo', /resource group/i);
    await clickFor(me, askGroup, 'restore.group', /type the source server's name/);
    const named = await dmFor(me, 'pg-orders', /^Name confirmed/);
    await me.click(named, 'Start geo-restore');

    await until(() => cards().length === 1);

    const card = cards()[0];
    expect(textOf(card)).toContain('a live Azure operation failed');
    expect(textOf(card)).toContain('Azure error code: GeoRestoreFailed');
    expect(textOf(card)).toMatch(/Correlation id: \S+/);
    expect(JSON.stringify(e2e.stub.calls)).not.toContain('raw azure text');
    expect((await tickets())[0]).toMatchObject({
      reason: 'azure-failed',
      requester: { id: ALICE },
      direct: true,
    });
  });
});

describe('a restart', () => {
  it('loses no open ticket: the card, the claim and the relay work in the new process', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'georestore-handoff-'));
    e2e = await start({ dataDir });
    await e2e.as(DAVE, 'D7').dm('talk to a human');
    await until(() => cards().length === 1);
    const card = cards()[0];
    const supportThread = postedTs(card);
    await e2e.close();

    e2e = await start({ dataDir });
    expect(await tickets()).toMatchObject([{ state: 'open', direct: true }]);
    const claimed = await clickFor(e2e.as(BOB, SUPPORT), card, 'Claim', /claimed T-/);
    expect(textOf(claimed)).toMatch(/^You claimed T-/);
    await e2e.as(BOB, SUPPORT).reply('Back after the restart', supportThread);
    await until(() => inChannel('D7').some((c) => textOf(c).startsWith('From support')));
  });
});
