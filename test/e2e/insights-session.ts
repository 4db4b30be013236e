import { expect } from 'vitest';
import { BotConnectorStub } from '../support/bot-connector-stub.js';
import type { StubCall } from '../support/slack-api-stub.js';
import { personalMessage } from '../teams/teams-activities.js';
import { ALICE, textOf } from './e2e-bot.js';
import * as h from './handoff-slack-harness.js';
import { addOrders, completed, toSummary, typeName } from './live-slack-helpers.js';

export const INSIGHTS_TOKEN = 'insights-e2e-token-0123456789-abcdefghij';
export const ERIN = 'U0ERIN001';
export const BOB_ANSWER = 'Point PgBouncer at the new host pg-orders-geo and open port 6432 again';

/** Teams users of the session (Entra object ids). */
const teamsPeople = [
  { id: '29:1CaRoL', name: 'Carol Diaz', aadObjectId: 'ca401000-0000-4000-8000-000000000004' },
  { id: '29:1FrAnK', name: 'Frank Ode', aadObjectId: 'f4a4c000-0000-4000-8000-000000000006' },
];

/**
 * A scripted support session through the real edges, with what was sent written down beside it:
 * Slack (signed requests) asks, rates, misses, opens a ticket that a person answers and resolves, and
 * runs a geo-restore against the loopback ARM; Teams (activities through the CloudAdapter) misses twice.
 */
export async function runSession(dataDir: string): Promise<{ connector: BotConnectorStub }> {
  const e2e = await h.start({
    dataDir,
    env: {
      SUPPORT_SLACK_CHANNEL_ID: h.SUPPORT,
      SUPPORT_AGENTS: `slack:${h.BOB}`,
      INSIGHTS_TOKEN,
    },
  });
  addOrders(e2e);
  e2e.arm.scriptRestores({ pollsUntilDone: 1, retryAfterSeconds: 1 });

  // Slack: Alice asks (answered) and rates the answer 👍.
  const alice = e2e.as(ALICE, 'D1');
  const answer = await alice.dm('what is geo-redundant backup');
  expect(textOf(answer)).toMatch(/geo-redundant/i);
  await (await alice.click(answer, '👍 Helpful')).reply();

  // Slack: Erin misses twice in her DM, then asks for a person (a ticket that relays both ways).
  const erin = e2e.as(ERIN, 'D2');
  await erin.dm('who won the football match yesterday');
  const second = await erin.dm('what is the capital of mongolia');
  expect(textOf(second)).toMatch(/two questions in a row/);
  await h.clickFor(erin, second, 'Talk to a person', /I have asked the support team/);
  await h.until(() => h.cards().length === 1);
  const card = h.cards()[0] as StubCall;
  // Bob answers in the ticket's thread (which claims it), then resolves it from the card.
  await e2e.as(h.BOB, h.SUPPORT).reply(BOB_ANSWER, h.postedTs(card));
  await h.until(() => h.inChannel('D2').some((c) => textOf(c).startsWith('From support')));
  await h.clickFor(e2e.as(h.BOB, h.SUPPORT), h.cardNow(card), 'Resolve', /resolved/);

  // Slack: Alice restores pg-orders (one typed question; the rest are the dialog's own steps).
  const { me } = await toSummary(e2e);
  const named = await typeName(me);
  await me.click(named, 'Start geo-restore');
  await e2e.stub.until(() => completed(e2e).length === 1);

  // Teams: two people ask about baking, which the bot does not cover.
  const connector = await new BotConnectorStub().start();
  const teams = (i: number, text: string) =>
    fetch(`http://127.0.0.1:${e2e.bot.address.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...personalMessage(connector.serviceUrl, text),
        from: teamsPeople[i],
        conversation: { conversationType: 'personal', id: `a:insights-${i}` },
      }),
    });
  expect((await teams(0, 'how do I bake sourdough bread')).status).toBe(200);
  expect((await teams(1, 'what flour to bake sourdough bread')).status).toBe(200);
  await connector.waitFor(() => connector.messages().length >= 2);
  await e2e.bot.insights.idle();
  return { connector };
}

/** What the session sent, as the insights should count it (today, UTC). */
export const sent = {
  all: { answered: 2, clarify: 0, nomatch: 4, handoff: 1 },
  slack: { answered: 2, clarify: 0, nomatch: 2, handoff: 1 },
  teams: { answered: 0, clarify: 0, nomatch: 2, handoff: 0 },
  tickets: { opened: 1, claimed: 1, resolved: 1, reopened: 0 },
  restores: { checked: 1, started: 1, succeeded: 1, failed: 0 },
};

export const insightsGet = (
  path: string,
  headers: Record<string, string> = { authorization: `Bearer ${INSIGHTS_TOKEN}` },
) => fetch(`http://127.0.0.1:${h.e2e.bot.address.port}${path}`, { headers, redirect: 'manual' });
