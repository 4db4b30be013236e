import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../bot/ports/escalations.js';
import { tooLongReply } from '../../dialogs/engine/engine.js';
import type { Matcher } from '../../knowledge/matcher.js';
import { type E2e, startE2e, textOf } from '../e2e/e2e-bot.js';
import { BotConnectorStub } from '../support/bot-connector-stub.js';
import { realMatcher } from '../support/shared-knowledge.js';
import { cardOf, textsOf } from '../teams/teams-harness.js';

/**
 * Issue 16: user text is cleaned once, at the edge. What a person typed that only looks like markup
 * reaches the matcher and a ticket's transcript exactly as typed, on Slack and on Teams, and an
 * over-long message gets the engine's one refusal on both.
 */

const typed = ['what does <timestamp> mean in the log', 'a < b > c and &lt; too'];
/** As Slack delivers those texts: it escapes `&`, `<` and `>` (Teams sends them as typed). */
const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const tooLong = `pg-orders ${'x'.repeat(4100)}`;

let e2e: E2e;
let connector: BotConnectorStub;
const asked: string[] = [];

beforeAll(async () => {
  const shared = realMatcher();
  const spy = new Proxy(shared, {
    get(target, key, receiver) {
      if (key === 'match')
        return (text: string) => {
          asked.push(text);
          return target.match(text);
        };
      return Reflect.get(target, key, receiver);
    },
  }) as Matcher;
  connector = await new BotConnectorStub().start();
  e2e = await startE2e({
    matcher: spy,
    env: { SUPPORT_SLACK_CHANNEL_ID: 'C0SUPPORT', SUPPORT_AGENTS: 'slack:U0AGENT01' },
  });
}, 120_000);

afterAll(async () => {
  await e2e.close();
  await connector.stop();
});

async function tickets(): Promise<Ticket[]> {
  return (await e2e.store.list<Ticket>('ticket/t/')).map((r) => r.value);
}

let id = 100;
function teams(text: string) {
  return fetch(`http://127.0.0.1:${e2e.bot.address.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: `m${++id}`,
      timestamp: '2026-01-10T12:00:00.000Z',
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      from: { id: '29:carol', name: 'Carol', aadObjectId: 'ca201000-0000-4000-8000-000000000004' },
      recipient: { id: '28:bot', name: 'GeoRestore Bot' },
      conversation: { id: 'a:carolpersonal', conversationType: 'personal' },
      text,
    }),
  });
}

describe('user text is cleaned once, at the edge', () => {
  it('Slack: typed text that looks like markup reaches the matcher and the ticket as typed', async () => {
    const carol = e2e.as('U0CAROL01', 'D0CAROL01');
    asked.length = 0;
    for (const text of typed) await carol.dm(escaped(text));
    await carol.dm('talk to a person');

    expect(asked).toEqual([...typed, 'talk to a person']);
    const ticket = (await tickets()).find((t) => t.requester.id === 'U0CAROL01');
    expect(ticket?.transcript.filter((l) => l.from === 'user').map((l) => l.text)).toEqual(typed);
  });

  it('Teams: typed text that looks like markup reaches the matcher and the ticket as typed', async () => {
    asked.length = 0;
    for (const text of [...typed, 'talk to a person']) expect((await teams(text)).status).toBe(200);

    expect(asked).toEqual([...typed, 'talk to a person']);
    const ticket = (await tickets()).find((t) => t.requester.channel === 'teams');
    expect(ticket?.transcript.filter((l) => l.from === 'user').map((l) => l.text)).toEqual(typed);
  });

  it('refuses an over-long message in the same words on both channels, without matching or storing it', async () => {
    asked.length = 0;
    const refusal = tooLongReply(tooLong.length).text;
    const onSlack = await e2e.as('U0DAVE001', 'D0DAVE001').dm(tooLong);
    const before = connector.messages().length;
    expect((await teams(tooLong)).status).toBe(200);
    const onTeams = connector.messages()[before];

    expect(textOf(onSlack)).toContain(refusal);
    expect(textsOf(cardOf(onTeams?.activity ?? {})).join('\n')).toContain(refusal);
    expect(asked).toEqual([]);
    expect(await e2e.store.list('conv/slack/D0DAVE001/')).toEqual([]);
  });
});
