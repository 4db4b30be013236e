import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, type E2e, labelsOf, MALLORY, startE2e, textOf } from './e2e-bot.js';
import { addOrders, completed, observed, toSummary, typeName } from './live-slack-helpers.js';

/**
 * Issue 5, end to end through Slack's HTTP edge: the bot started by startBot from a loadConfig
 * configuration, driven only by signed requests to POST /slack/events, answering through a loopback
 * Slack Web API, with the real Azure SDK clients talking to a loopback Azure Resource Manager.
 * This file: who may start a restore, exactly one PUT, and acknowledgements that do not wait for Azure.
 */

let e2e: E2e;
afterEach(async () => e2e?.close());

describe('who may start a restore, and exactly one PUT', () => {
  it('refuses a user who is not on the allowlist and sends no PUT', async () => {
    e2e = await startE2e({ allowed: [ALICE] });
    addOrders(e2e);

    const { reply } = await e2e.as(MALLORY, 'D9').slash('restore pg-orders');

    expect(textOf(reply)).toMatch(/Sorry, you are not on the list of people who may start a geo-restore/);
    expect(labelsOf(reply)).toEqual(['Talk to a person']);
    expect(e2e.puts()).toBe(0);
    expect(e2e.arm.requests).toHaveLength(0);
  });

  it("does not start when someone not on the allowlist clicks an allowed user's Start button", async () => {
    e2e = await startE2e({ allowed: [ALICE] });
    addOrders(e2e);
    const alice = e2e.as(ALICE, 'C1');
    const { ts: thread, reply: askName } = await alice.mention('restore pg-orders');
    const askGroup = await (await alice.click(askName, 'Use pg-orders-geo')).reply();
    await (await alice.click(askGroup, 'restore.group')).reply();
    const { reply: named } = await alice.mention('pg-orders', thread);

    const refused = await (await e2e.as(MALLORY, 'C1').click(named, 'Start geo-restore')).reply();

    expect(textOf(refused)).toMatch(/^Nothing was started\. You are not on the list of people/);
    expect(refused?.method).toBe('chat.postEphemeral');
    expect(refused?.args.user).toBe(MALLORY);
    expect(e2e.puts()).toBe(0);
    expect((await e2e.audit()).at(-1)).toMatchObject({
      kind: 'restore.confirmation-rejected',
      outcome: 'not-allowed',
      confirmedBy: { userId: MALLORY },
    });
  });

  it('sends no PUT when writes are switched off', async () => {
    e2e = await startE2e({ restoreEnabled: false });
    addOrders(e2e);

    const { reply } = await e2e.as(ALICE, 'D1').slash('restore pg-orders');

    expect(textOf(reply)).toContain(
      'Starting a geo-restore from chat is switched off here, so nothing was started.',
    );
    expect(e2e.puts()).toBe(0);
  });

  it('gives one PUT and one completion for a redelivered click and a double click', async () => {
    e2e = await startE2e();
    addOrders(e2e);
    const { me } = await toSummary(e2e);
    const named = await typeName(me);

    const first = await me.click(named, 'Start geo-restore');
    const redelivered = await e2e.send(first.body, 'application/x-www-form-urlencoded', {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    const double = await me.click(named, 'Start geo-restore');
    await e2e.stub.until(() => completed(e2e).length === 1);
    const again = await double.posted((p) =>
      p.some((c) => textOf(c).startsWith('This geo-restore is already started')),
    );

    expect(redelivered.status).toBe(200);
    expect(again.some((c) => textOf(c).startsWith('This geo-restore is already started'))).toBe(true);
    expect(e2e.puts()).toBe(1);
    expect(completed(e2e)).toHaveLength(1);
    expect(e2e.messages().filter((c) => textOf(c).startsWith('Geo-restore started: pg-orders'))).toHaveLength(
      1,
    );
    expect((await e2e.audit()).filter((r) => r.kind === 'restore.confirmed')).toHaveLength(1);
  });
});

/** Records, in order, when each call to Azure began and when Azure's answer reached the bot. */

describe('a slow Azure does not delay the acknowledgement', () => {
  it('acknowledges /georestore check before the slow Azure lookup has been answered, then answers', async () => {
    const events: string[] = [];
    e2e = await startE2e({ wrapOps: observed(events) });
    addOrders(e2e);
    // Several seconds per call, longer than the bot waits before acknowledging a slash command empty.
    for (const route of ['flexible.list', 'single.list'] as const) e2e.arm.fail(route, { delayMs: 4000 });
    let postedAtAck = -1;

    const { res, reply } = await e2e.as(ALICE).slash('check pg-orders', () => {
      events.push('ack');
      postedAtAck = e2e.messages().length;
    });

    const ack = events.indexOf('ack');
    expect(res.status).toBe(200);
    expect(events.slice(0, ack)).toEqual(['findServers.called']);
    expect(events.indexOf('findServers.answered')).toBeGreaterThan(ack);
    expect(postedAtAck).toBe(0);
    expect(e2e.arm.count('flexible.list')).toBeGreaterThanOrEqual(1);
    // The answer came afterwards, through the response_url.
    expect(reply?.method).toMatch(/^respond:/);
    expect(textOf(reply)).toContain('pg-orders can be geo-restored to westus.');
  });

  it('acknowledges the Start click before a slow Azure has answered the PUT', async () => {
    const events: string[] = [];
    e2e = await startE2e({ wrapOps: observed(events) });
    addOrders(e2e);
    const { me } = await toSummary(e2e);
    const named = await typeName(me);
    e2e.arm.fail('flexible.put', { delayMs: 3000 });

    const click = await me.click(named, 'Start geo-restore');
    events.push('ack');
    await e2e.stub.until(() => completed(e2e).length === 1);

    const ack = events.indexOf('ack');
    expect(click.res.status).toBe(200);
    expect(events.indexOf('startGeoRestore.answered')).toBeGreaterThan(ack);
    expect(e2e.puts()).toBe(1);
  });
});
