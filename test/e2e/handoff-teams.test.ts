import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../adapters/store/memory-store.js';
import { loadConfig } from '../../bot/load-config.js';
import type { Ticket } from '../../bot/ports/escalations.js';
import { type RunningBot, type StartBotDeps, startBot } from '../../bot/start-bot.js';
import type { Scheduler } from '../../dialogs/restore/run/restore-runner.js';
import { loopbackOps, SUB_A } from '../azure/loopback-ops.js';
import { ArmLoopback } from '../support/arm-loopback/arm-loopback.js';
import { BotConnectorStub, type ConnectorCall } from '../support/bot-connector-stub.js';
import { ManualClock } from '../support/manual-clock.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { realMatcher } from '../support/shared-knowledge.js';
import { actionsOf, cardOf, textsOf } from '../teams/teams-harness.js';
import { SoonScheduler } from './e2e-bot.js';

/**
 * Issue 6 through the Teams HTTP edge: startBot from loadConfig in local mode (real CloudAdapter),
 * activities POSTed to /api/messages, every send and edit landing on a loopback Bot Connector. The
 * support channel is configured (SUPPORT_TEAMS_CHANNEL_ID + SUPPORT_TEAMS_SERVICE_URL).
 */

const SUPPORT = '19:supportchannel0001@thread.tacv2';
const CHANNEL = '19:dbopschannel0001@thread.tacv2';
const PERSONAL = 'a:1AlIcEpErSoNaLcHaT';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const BOT = { id: '28:00000000-0000-0000-0000-0000000000b0', name: 'GeoRestore Bot' };
const alice = { id: '29:1aLiCe', name: 'Alice Martin', aadObjectId: 'a11ce000-0000-4000-8000-000000000001' };
const bob = { id: '29:1BoB', name: 'Bob Chen', aadObjectId: 'b0b00000-0000-4000-8000-000000000002' };
const ONCALL = 'c0ca1100-0000-4000-8000-000000000003';
const heldScheduler: Scheduler = { after: () => () => {} };

type Person = typeof alice;
let n = 5000;
const nextId = () => `17${n++}000000`;

function activity(from: Person, conversation: Record<string, unknown>, extra: Record<string, unknown>) {
  return {
    id: nextId(),
    timestamp: '2026-01-10T12:00:00.000Z',
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    from,
    recipient: BOT,
    conversation: { tenantId: TENANT, ...conversation },
    locale: 'en-US',
    channelData: { tenant: { id: TENANT } },
    ...extra,
  };
}

const personal = (from: Person, text: string) =>
  activity(from, { conversationType: 'personal', id: PERSONAL }, { type: 'message', text });

/** A message that @mentions the bot in a channel post's reply chain (a new post when root is not given). */
function mention(from: Person, channel: string, text: string, root?: string) {
  const id = nextId();
  return activity(
    from,
    { isGroup: true, conversationType: 'channel', id: `${channel};messageid=${root ?? id}` },
    {
      id,
      type: 'message',
      text: `<at>GeoRestore Bot</at> ${text}`,
      entities: [{ type: 'mention', text: '<at>GeoRestore Bot</at>', mentioned: BOT }],
      channelData: { tenant: { id: TENANT }, channel: { id: channel } },
    },
  );
}

/** A channel message without a mention, which Teams delivers only to an app holding ChannelMessage.Read.Group (RSC). */
function unmentioned(from: Person, channel: string, text: string, root?: string) {
  const id = nextId();
  return activity(
    from,
    { isGroup: true, conversationType: 'channel', id: `${channel};messageid=${root ?? id}` },
    { id, type: 'message', text, channelData: { tenant: { id: TENANT }, channel: { id: channel } } },
  );
}

/** Action.Execute on a ticket card as it is now (its last edit): an invoke whose replyToId is the card's message. */
function click(from: Person, card: ConnectorCall, label: string) {
  const shown = cardOf(cardNow(card).activity);
  const action = actionsOf(shown).find((a) => a.title === label);
  if (!action) throw new Error(`no "${label}" on ${JSON.stringify(actionsOf(shown).map((a) => a.title))}`);
  const channel = !card.conversationId.startsWith('a:');
  return activity(
    from,
    { isGroup: channel, conversationType: channel ? 'channel' : 'personal', id: card.conversationId },
    {
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: messageIdOf(card),
      value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data }, trigger: 'manual' },
    },
  );
}

// Building the matcher takes seconds on a busy machine: once, before the first test's clock starts.
beforeAll(() => {
  realMatcher();
}, 120_000);

let connector: BotConnectorStub;
let bot: RunningBot;
let logger: RecordingLogger;
let store: MemoryStore;

async function start(
  clock?: ManualClock,
  env: Record<string, string> = {},
  keep?: { store: MemoryStore },
  azure?: Pick<StartBotDeps, 'ops' | 'scheduler'>,
) {
  connector = keep ? connector : await new BotConnectorStub().start();
  logger = new RecordingLogger();
  store = keep?.store ?? new MemoryStore();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    SUPPORT_TEAMS_CHANNEL_ID: SUPPORT,
    SUPPORT_TEAMS_SERVICE_URL: connector.serviceUrl,
    SUPPORT_TEAMS_TENANT_ID: TENANT,
    SUPPORT_AGENTS: `teams:${bob.aadObjectId}`,
    SUPPORT_ONCALL_TEAMS: ONCALL,
    SUPPORT_ONCALL_TEAMS_NAME: 'DB on-call',
    ...env,
  });
  bot = await startBot(config, {
    logger,
    store,
    port: 0,
    matcher: realMatcher(),
    reminderScheduler: heldScheduler,
    ...azure,
    ...(clock ? { clock } : {}),
    teams: { retry: { sleep: async () => {} }, typingDelayMs: 600_000 },
  });
}

/** Stops the bot but keeps the connector and the store, as a restart of the process finds them. */
async function restart() {
  await bot.close();
  // The memory store is closed with the bot; what it held is what a restart would read back.
  await start(undefined, {}, { store });
}

afterEach(async () => {
  await bot?.close();
  await connector?.stop();
});

async function post(body: unknown): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${bot.address.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.text();
  return res.status;
}

/** The id the stub gave a POSTed message (`msg-<n>` in order of successful POSTs). */
function messageIdOf(call: ConnectorCall): string {
  const posts = connector.calls.filter((c) => c.method === 'POST' && c.status < 300);
  return `msg-${posts.indexOf(call) + 1}`;
}
const texts = (call: ConnectorCall | undefined) => (call ? textsOf(cardOf(call.activity)).join('\n') : '');
const sentTo = (conversationId: string) =>
  connector.messages().filter((c) => c.conversationId === conversationId);
const ticketCards = () => sentTo(SUPPORT).filter((c) => texts(c).startsWith('Ticket T-'));
/** The card as it is now: its last edit in place, or as posted. */
const cardNow = (card: ConnectorCall) =>
  connector
    .updates()
    .filter((u) => u.activityId === messageIdOf(card))
    .at(-1) ?? card;
const waitFor = (check: () => boolean) => connector.waitFor(() => check());
/** Alice asks for a person in her 1:1 chat; the ticket's card in the support channel. */
async function aliceOpensTicket(): Promise<ConnectorCall> {
  await post(personal(alice, 'I need to talk to a human'));
  await waitFor(() => ticketCards().length === 1);
  return ticketCards()[0] as ConnectorCall;
}
const tickets = async () => (await store.list<Ticket>('ticket/t/')).map((r) => r.value);

describe('Teams: handing a one-to-one chat to a person', () => {
  it('posts the ticket to the support channel, claims once, relays both ways and asks after resolution', async () => {
    await start();
    expect(await post(personal(alice, 'I need to talk to a human'))).toBe(200);
    await waitFor(() => ticketCards().length === 1);
    expect(texts(sentTo(PERSONAL)[0])).toMatch(/I have asked the support team to help: ticket T-/);
    const card = ticketCards()[0] as ConnectorCall;
    expect(actionsOf(cardOf(card.activity)).map((a) => a.title)).toEqual(['Claim', 'Resolve']);
    expect(texts(card)).toContain('Alice Martin asked for a person.');

    // Someone outside the support team: told so, nothing changes, the card is shown again.
    await post(click(alice, card, 'Claim'));
    await waitFor(() => sentTo(SUPPORT).some((c) => texts(c).includes('Only the support team')));
    expect((await tickets())[0]?.state).toBe('open');
    expect(actionsOf(cardOf(cardNow(card).activity)).map((a) => a.title)).toEqual(['Claim', 'Resolve']);

    // Bob claims on the card as it is now; a second click on the same card does nothing twice.
    const claimClick = click(bob, card, 'Claim');
    await post(claimClick);
    await post({ ...claimClick, id: nextId() });
    await waitFor(() => sentTo(PERSONAL).some((c) => texts(c).includes('has picked up your request')));
    const t = (await tickets())[0];
    expect(t).toMatchObject({ state: 'claimed', claimedBy: { id: bob.aadObjectId, name: 'Bob Chen' } });
    expect(t?.history.filter((h) => h.what === 'claimed')).toHaveLength(1);

    // Bob writes in the ticket's thread (mentioning the bot); Alice gets it, marked.
    await post(mention(bob, SUPPORT, 'Hi Alice, <b>looking</b> now', messageIdOf(card)));
    await waitFor(() => sentTo(PERSONAL).some((c) => texts(c).startsWith('From support')));
    expect(texts(sentTo(PERSONAL).find((c) => texts(c).startsWith('From support')))).toBe(
      // Markup Bob typed arrives as plain text; the card escapes what would be markdown.
      'From support \\(Bob Chen\\): Hi Alice, looking now',
    );
    // Alice's answer goes to the thread under the ticket card.
    await post(personal(alice, 'thanks, it is pg-orders'));
    const thread = `${SUPPORT};messageid=${messageIdOf(card)}`;
    await waitFor(() => sentTo(thread).some((c) => texts(c).startsWith('From Alice Martin')));
    expect(texts(sentTo(thread).find((c) => texts(c).startsWith('From Alice')))).toBe(
      'From Alice Martin: thanks, it is pg-orders',
    );

    await post(click(bob, card, 'Resolve'));
    await waitFor(() => sentTo(PERSONAL).some((c) => texts(c).includes('Did the support team')));
    expect((await tickets())[0]?.state).toBe('resolved');
  });
});

describe('Teams: channel messages without a mention (delivered with the RSC permission)', () => {
  it("relays a support person's unmentioned answer in a ticket's thread and drops every other channel message", async () => {
    await start();
    const card = await aliceOpensTicket();
    const before = connector.messages().length;
    const keys = async () => (await store.list('')).length;
    const stored = await keys();

    // Chatter in another channel and a new post in the support channel: no answer, nothing stored.
    expect(await post(unmentioned(alice, CHANNEL, 'what is geo-redundant backup?'))).toBe(200);
    expect(await post(unmentioned(bob, SUPPORT, 'lunch anyone?'))).toBe(200);
    expect(await post({ ...unmentioned(alice, CHANNEL, 'x'.repeat(5000)) })).toBe(200);
    expect(connector.messages()).toHaveLength(before);
    expect(await keys()).toBe(stored);

    // Bob answers in the ticket's thread without mentioning the bot: it claims and reaches Alice.
    await post(unmentioned(bob, SUPPORT, 'On it, Alice', messageIdOf(card)));
    await waitFor(() => sentTo(PERSONAL).some((c) => texts(c).startsWith('From support')));
    expect(texts(sentTo(PERSONAL).find((c) => texts(c).startsWith('From support')))).toBe(
      'From support \\(Bob Chen\\): On it, Alice',
    );
    expect((await tickets())[0]).toMatchObject({ state: 'claimed', claimedBy: { name: 'Bob Chen' } });
  });
});

describe('Teams: two questions the bot cannot answer', () => {
  it('offers a person after two misses in a row; the click opens a ticket with what the bot considered', async () => {
    await start();
    await post(personal(alice, "what's the weather in paris tomorrow"));
    await waitFor(() => sentTo(PERSONAL).length === 1);
    await post(personal(alice, 'who won the football match yesterday'));
    await waitFor(() => sentTo(PERSONAL).length === 2);
    const offer = sentTo(PERSONAL)[1] as ConnectorCall;
    expect(texts(offer)).toMatch(/two questions in a row/);

    await post(click(alice, offer, 'Talk to a person'));
    await waitFor(() => ticketCards().length === 1);
    expect((await tickets())[0]).toMatchObject({
      reason: 'misses',
      question: 'who won the football match yesterday',
      state: 'open',
    });
    expect(texts(ticketCards()[0])).toContain('who won the football match yesterday');
  });
});

describe('Teams: a restart with an open ticket', () => {
  it('loses nothing: the ticket card still claims and relays after the bot restarts', async () => {
    await start();
    const card = await aliceOpensTicket();

    await restart();

    await post(click(bob, card, 'Claim'));
    await waitFor(() => sentTo(PERSONAL).some((c) => texts(c).includes('has picked up your request')));
    expect((await tickets())[0]).toMatchObject({ state: 'claimed' });
    await post(personal(alice, 'still there?'));
    const thread = `${SUPPORT};messageid=${messageIdOf(card)}`;
    await waitFor(() => sentTo(thread).some((c) => texts(c) === 'From Alice Martin: still there?'));
  });
});

describe('Teams: a restore that needs approval', () => {
  const carol = { id: '29:1CaRoL', name: 'Carol Diaz', aadObjectId: 'ca201000-0000-4000-8000-000000000004' };
  let arm: ArmLoopback | undefined;
  afterEach(async () => {
    await Promise.race([arm?.close(), new Promise((r) => setTimeout(r, 300))]);
    arm = undefined;
  });

  it('becomes an approval ticket that only a second, allowed person can approve, with one PUT', async () => {
    arm = await ArmLoopback.start();
    arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-prod', name: 'pg-orders' });
    arm.scriptRestores({ pollsUntilDone: 1 });
    const agents = [alice, bob, carol].map((p) => `teams:${p.aadObjectId}`).join(',');
    await start(
      undefined,
      {
        AZURE_SUBSCRIPTION_ID: SUB_A,
        RESTORE_ENABLED: 'true',
        RESTORE_ALLOWED_USERS: `teams:${carol.aadObjectId}`,
        SUPPORT_AGENTS: agents,
      },
      undefined,
      { ops: loopbackOps(arm).ops, scheduler: new SoonScheduler() },
    );
    const puts = () => arm?.count('flexible.put') ?? 0;

    await post(personal(alice, 'restore pg-orders'));
    await waitFor(() => sentTo(PERSONAL).length === 1);
    await post(click(alice, sentTo(PERSONAL)[0] as ConnectorCall, 'Use pg-orders-geo'));
    await waitFor(() => sentTo(PERSONAL).length === 2);
    await post(click(alice, sentTo(PERSONAL)[1] as ConnectorCall, 'Use rg-prod'));
    await waitFor(() => ticketCards().length === 1);
    expect(texts(sentTo(PERSONAL).at(-1))).toMatch(/asked the support team to approve it: ticket T-/);
    const card = ticketCards()[0] as ConnectorCall;
    expect(texts(card)).toContain('pg-orders → rg-prod/pg-orders-geo in westus');

    // The requester cannot approve their own restore, and an agent who may not start restores cannot either.
    await post(click(alice, card, 'Approve restore'));
    await waitFor(() => sentTo(SUPPORT).some((c) => /yourself/.test(texts(c))));
    await post(click(bob, card, 'Approve restore'));
    await waitFor(() => sentTo(SUPPORT).some((c) => /You are not on RESTORE.*cannot approve/.test(texts(c))));
    expect(puts()).toBe(0);

    await post(click(carol, card, 'Approve restore'));
    await waitFor(() => sentTo(PERSONAL).some((c) => texts(c).startsWith('Geo-restore complete')));
    expect(puts()).toBe(1);
    expect((await tickets())[0]).toMatchObject({
      state: 'resolved',
      resolution: 'approved',
      approval: { decision: { approved: true, by: { id: carol.aadObjectId } } },
    });
  });
});

describe('Teams: a channel thread', () => {
  it('stays silent while Bob owns the thread and answers again after "take over"', async () => {
    await start();
    const asked = mention(alice, CHANNEL, 'talk to a human');
    await post(asked);
    await waitFor(() => ticketCards().length === 1);
    const card = ticketCards()[0] as ConnectorCall;
    const claim = click(bob, card, 'Claim');
    await post(claim);
    const thread = `${CHANNEL};messageid=${asked.id}`;
    await waitFor(() => sentTo(thread).some((c) => texts(c).includes('has picked up')));
    const before = sentTo(thread).length;

    await post(mention(alice, CHANNEL, 'what is geo-redundant backup', asked.id));
    await logger.until('ticket.silent');
    expect(sentTo(thread)).toHaveLength(before);

    await post(mention(bob, CHANNEL, 'take over', asked.id));
    await waitFor(() => sentTo(thread).some((c) => texts(c).includes('handed this conversation back')));
    await post(mention(alice, CHANNEL, 'what is geo-redundant backup', asked.id));
    await waitFor(() => sentTo(thread).length === before + 2);
  });
});

describe('Teams: reminders', () => {
  it('mentions the configured on-call person in the ticket thread, from configuration only', async () => {
    const clock = new ManualClock(new Date().toISOString());
    await start(clock);
    await post(personal(alice, 'talk to a human <at>everyone</at>'));
    await logger.until('ticket.posted');
    clock.advance(16 * 60_000);

    expect(await bot.handoff?.reminders.tick()).toBe(1);

    const card = ticketCards()[0] as ConnectorCall;
    const reminder = sentTo(`${SUPPORT};messageid=${messageIdOf(card)}`)[0];
    const content = cardOf(reminder?.activity ?? {});
    expect(textsOf(content)[0]).toBe('<at>DB on-call</at>');
    expect(content.msteams).toMatchObject({
      entities: [
        { type: 'mention', text: '<at>DB on-call</at>', mentioned: { id: ONCALL, name: 'DB on-call' } },
      ],
    });
    expect(texts(reminder)).toMatch(/has waited 16 minutes without anyone claiming it/);
  });
});

describe('Teams: an agent desk', () => {
  it('emits handoff.initiate with the transcript and follows handoff.status to the end', async () => {
    await start(undefined, { SUPPORT_TEAMS_AGENT_HUB: 'true' });
    await post(personal(alice, 'how do I bake sourdough'));
    await waitFor(() => sentTo(PERSONAL).length === 1);
    await post(personal(alice, 'talk to a human'));
    const initiate = () =>
      connector.calls.find((c) => c.activity.type === 'event' && c.activity.name === 'handoff.initiate');
    await waitFor(() => initiate() !== undefined);

    const event = initiate()?.activity as {
      conversation: { id: string };
      value: { ticket: string; question: string };
      attachments: Array<{ name: string; content: { activities: Array<{ text: string }> } }>;
    };
    expect(initiate()?.conversationId).toBe(PERSONAL);
    expect(event.value).toMatchObject({
      ticket: expect.stringMatching(/^T-/),
      question: 'how do I bake sourdough',
    });
    expect(event.attachments[0]?.name).toBe('Transcript');
    expect(event.attachments[0]?.content.activities[0]?.text).toBe('how do I bake sourdough');

    const status = (state: string) =>
      activity(
        alice,
        { conversationType: 'personal', id: PERSONAL },
        {
          type: 'event',
          name: 'handoff.status',
          value: { state },
        },
      );
    await post(status('accepted'));
    await waitFor(() => sentTo(PERSONAL).some((c) => texts(c).includes('has picked up your request')));
    expect((await tickets())[0]).toMatchObject({ state: 'claimed', hub: { state: 'accepted' } });

    await post(status('completed'));
    await waitFor(() => sentTo(PERSONAL).some((c) => texts(c).includes('Did the support team')));
    expect((await tickets())[0]).toMatchObject({ state: 'resolved', hub: { state: 'completed' } });
  });
});
