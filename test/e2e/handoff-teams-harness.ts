import { afterEach, beforeAll } from 'vitest';
import { MemoryStore } from '../../adapters/store/memory-store.js';
import { loadConfig } from '../../bot/load-config.js';
import type { Ticket } from '../../bot/ports/escalations.js';
import type { Scheduler } from '../../bot/ports/scheduler.js';
import { type RunningBot, type StartBotDeps, startBot } from '../../bot/start-bot.js';
import { BotConnectorStub, type ConnectorCall } from '../support/bot-connector-stub.js';
import type { ManualClock } from '../support/manual-clock.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { realMatcher } from '../support/shared-knowledge.js';
import { actionsOf, cardOf, textsOf } from '../teams/teams-harness.js';

/**
 * The Teams handoff tests' bot: startBot from loadConfig in local mode (real CloudAdapter), activities
 * POSTed to /api/messages, every send and edit landing on a loopback Bot Connector, the support channel
 * configured. `connector`, `bot`, `logger` and `store` are live bindings: start() sets them.
 */

export const SUPPORT = '19:supportchannel0001@thread.tacv2';
export const CHANNEL = '19:dbopschannel0001@thread.tacv2';
export const PERSONAL = 'a:1AlIcEpErSoNaLcHaT';
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT = { id: '28:00000000-0000-0000-0000-0000000000b0', name: 'GeoRestore Bot' };
export const alice = {
  id: '29:1aLiCe',
  name: 'Alice Martin',
  aadObjectId: 'a11ce000-0000-4000-8000-000000000001',
};
export const bob = { id: '29:1BoB', name: 'Bob Chen', aadObjectId: 'b0b00000-0000-4000-8000-000000000002' };
export const ONCALL = 'c0ca1100-0000-4000-8000-000000000003';
export const heldScheduler: Scheduler = { after: () => () => {} };

export type Person = typeof alice;
export let n = 5000;
export const nextId = () => `17${n++}000000`;

export function activity(
  from: Person,
  conversation: Record<string, unknown>,
  extra: Record<string, unknown>,
) {
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

export const personal = (from: Person, text: string) =>
  activity(from, { conversationType: 'personal', id: PERSONAL }, { type: 'message', text });

/** A message that @mentions the bot in a channel post's reply chain (a new post when root is not given). */
export function mention(from: Person, channel: string, text: string, root?: string) {
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
export function unmentioned(from: Person, channel: string, text: string, root?: string) {
  const id = nextId();
  return activity(
    from,
    { isGroup: true, conversationType: 'channel', id: `${channel};messageid=${root ?? id}` },
    { id, type: 'message', text, channelData: { tenant: { id: TENANT }, channel: { id: channel } } },
  );
}

/** Action.Execute on a ticket card as it is now (its last edit): an invoke whose replyToId is the card's message. */
export function click(from: Person, card: ConnectorCall, label: string) {
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

export let connector: BotConnectorStub;
export let bot: RunningBot;
export let logger: RecordingLogger;
export let store: MemoryStore;

export async function start(
  clock?: ManualClock,
  env: Record<string, string> = {},
  keep?: { store: MemoryStore },
  azure?: Pick<StartBotDeps, 'ops' | 'scheduler'> & { teams?: StartBotDeps['teams'] },
) {
  connector = keep ? connector : await new BotConnectorStub().start();
  logger = new RecordingLogger();
  store = keep?.store ?? new MemoryStore(clock);
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
    ...(azure?.ops ? { ops: azure.ops } : {}),
    ...(azure?.scheduler ? { scheduler: azure.scheduler } : {}),
    ...(clock ? { clock } : {}),
    teams: { retry: { sleep: async () => {} }, typingDelayMs: 600_000, ...azure?.teams },
  });
}

/** Stops the bot but keeps the connector and the store, as a restart of the process finds them. */
export async function restart() {
  await bot.close();
  // The memory store is closed with the bot; what it held is what a restart would read back.
  await start(undefined, {}, { store });
}

export async function post(body: unknown): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${bot.address.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.text();
  return res.status;
}

/** The id the stub gave a POSTed message (`msg-<n>` in order of successful POSTs). */
export function messageIdOf(call: ConnectorCall): string {
  const posts = connector.calls.filter((c) => c.method === 'POST' && c.status < 300);
  return `msg-${posts.indexOf(call) + 1}`;
}
export const texts = (call: ConnectorCall | undefined) =>
  call ? textsOf(cardOf(call.activity)).join('\n') : '';
export const sentTo = (conversationId: string) =>
  connector.messages().filter((c) => c.conversationId === conversationId);
export const ticketCards = () => sentTo(SUPPORT).filter((c) => texts(c).startsWith('Ticket T-'));
/** The card as it is now: its last edit in place, or as posted. */
export const cardNow = (card: ConnectorCall) =>
  connector
    .updates()
    .filter((u) => u.activityId === messageIdOf(card))
    .at(-1) ?? card;
export const waitFor = (check: () => boolean) => connector.waitFor(() => check());
/** Alice asks for a person in her 1:1 chat; the ticket's card in the support channel. */
export async function aliceOpensTicket(): Promise<ConnectorCall> {
  await post(personal(alice, 'I need to talk to a human'));
  await waitFor(() => ticketCards().length === 1);
  return ticketCards()[0] as ConnectorCall;
}
export const tickets = async () => (await store.list<Ticket>('ticket/t/')).map((r) => r.value);

/** Per test file: the shared matcher built before the first test's clock starts, the bot closed after each test. */
export function useHandoffBot(): void {
  beforeAll(() => {
    realMatcher();
  }, 120_000);
  afterEach(async () => {
    await bot?.close();
    await connector?.stop();
  });
}
