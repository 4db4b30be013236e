import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PostgresOps } from '../../bot/ports/postgres-ops.js';
import type { Fault } from '../support/arm-loopback/arm-loopback.js';
import type { StubCall } from '../support/slack-api-stub.js';
import { ALICE, type E2e, labelsOf, MALLORY, SUB_A, SUB_B, startE2e, textOf } from './e2e-bot.js';

/**
 * Issue 5, end to end through Slack's HTTP edge: the bot started by startBot from a loadConfig
 * configuration, driven only by signed requests to POST /slack/events, answering through a loopback
 * Slack Web API, with the real Azure SDK clients talking to a loopback Azure Resource Manager.
 */

let e2e: E2e;
afterEach(async () => e2e?.close());

const ORDERS_ID = `/subscriptions/${SUB_A}/resourceGroups/rg-prod/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-orders`;
const TARGET_PATH = `/subscriptions/${SUB_A}/resourceGroups/rg-prod/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-orders-geo`;

function addOrders(spec: Partial<Parameters<E2e['arm']['addFlexibleServer']>[0]> = {}) {
  return e2e.arm.addFlexibleServer({
    subscriptionId: SUB_A,
    resourceGroup: 'rg-prod',
    name: 'pg-orders',
    ...spec,
  });
}

const titled = (title: string) => e2e.messages().filter((c) => textOf(c).startsWith(`${title}\n`));

describe('eligibility checks through /georestore check', () => {
  it('answers an eligible server with every condition and offers a geo-restore', async () => {
    e2e = await startE2e();
    addOrders();

    const { res, reply } = await e2e.as(ALICE).slash('check pg-orders');

    expect(res.status).toBe(200);
    // Quick enough: the answer rides in the ack itself.
    expect(reply?.method).toBe('ack');
    const text = textOf(reply);
    expect(text).toContain('pg-orders can be geo-restored to westus.');
    expect(text).toContain('Deployment model: Flexible Server.');
    expect(text).toMatch(/Region: .*eastus; its paired region is westus/);
    expect(text).toContain('State: Ready.');
    expect(labelsOf(reply)).toEqual(['Start a geo-restore', 'Talk to a person']);
    expect(e2e.arm.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(e2e.arm.requests.every((r) => /^Bearer \S+$/.test(String(r.headers.authorization)))).toBe(true);
    expect(e2e.arm.count('flexible.list')).toBeGreaterThanOrEqual(1);
    expect(await e2e.audit()).toMatchObject([
      { kind: 'check', outcome: 'eligible', askedBy: { channel: 'slack', userId: ALICE } },
    ]);
  });

  it('says a server without geo-redundant backup is not eligible and that it cannot be switched on later', async () => {
    e2e = await startE2e();
    addOrders({ geoRedundantBackup: 'Disabled' });

    const { reply } = await e2e.as(ALICE).slash('check pg-orders');

    const text = textOf(reply);
    expect(text).toContain('pg-orders cannot be geo-restored right now.');
    expect(text).toMatch(/Geo-redundant backup: .*cannot be switched on later/);
    expect(labelsOf(reply)).toEqual(['Talk to a person']);
  });

  it('says a server younger than one hour is not eligible yet', async () => {
    e2e = await startE2e();
    addOrders({ createdAt: new Date(Date.now() - 20 * 60_000).toISOString() });

    const { reply } = await e2e.as(ALICE).slash('check pg-orders');

    expect(textOf(reply)).toMatch(/Server age: .*less than one hour ago/);
    expect(labelsOf(reply)).not.toContain('Start a geo-restore');
  });

  it('recognises a Single Server, explains its retirement and offers no restore', async () => {
    e2e = await startE2e();
    e2e.arm.addSingleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-old', name: 'pg-legacy' });

    const { reply } = await e2e.as(ALICE).slash('check pg-legacy');

    const text = textOf(reply);
    expect(text).toMatch(/pg-legacy is a Single Server\. Single Server was retired on 2025-03-28/);
    expect(text).toMatch(/migrate the server to Flexible Server/);
    expect(labelsOf(reply)).toEqual(['Talk to a person']);
  });

  it('says when no server has that name', async () => {
    e2e = await startE2e();

    const { reply } = await e2e.as(ALICE).slash('check pg-nowhere');

    expect(textOf(reply)).toContain('I could not find a server named pg-nowhere.');
    expect(labelsOf(reply)).toEqual(['Talk to a person']);
  });

  it('asks which server is meant when the name is in two subscriptions, and checks the one clicked', async () => {
    e2e = await startE2e();
    addOrders();
    e2e.arm.addFlexibleServer({
      subscriptionId: SUB_B,
      resourceGroup: 'rg-eu',
      name: 'pg-orders',
      location: 'northeurope',
    });
    const alice = e2e.as(ALICE);

    const { reply: ask } = await alice.slash('check pg-orders');
    expect(textOf(ask)).toContain('I found 2 servers named pg-orders. Which one do you mean?');
    const click = await alice.click(ask, 'pg-orders in rg-eu (northeurope, Flexible Server)');
    const reply = await click.reply();

    expect(click.res.status).toBe(200);
    expect(textOf(reply)).toMatch(/Region: .*northeurope; its paired region is westeurope/);
    expect(textOf(reply)).toContain('pg-orders can be geo-restored to westeurope.');
  });
});

/** Alice in a DM with the bot: `/georestore restore pg-orders`, the suggested name and group, then the summary. */
async function toSummary(user = ALICE, channel = 'D1') {
  const me = e2e.as(user, channel);
  const { reply: askName } = await me.slash('restore pg-orders');
  expect(textOf(askName)).toContain(
    'The new server will be created in westus, the region paired with eastus.',
  );
  const askGroup = await (await me.click(askName, 'Use pg-orders-geo')).reply();
  const summary = await (await me.click(askGroup, 'restore.group')).reply();
  expect(textOf(summary)).toMatch(/^Confirm the geo-restore of pg-orders/);
  expect(labelsOf(summary)).toContain('Start geo-restore');
  return { me, summary };
}

/** Types the source name as a DM, then returns the message with the Start button it answers with. */
async function typeName(me: ReturnType<E2e['as']>) {
  const named = await me.dm('pg-orders');
  expect(textOf(named)).toMatch(
    /^Name confirmed\. Click Start geo-restore to create pg-orders-geo in westus/,
  );
  return named;
}

const until = (check: () => boolean) => e2e.stub.until(check);
const completed = () => titled('Geo-restore complete');
const failed = () => titled('Geo-restore failed');

describe('a geo-restore started, confirmed and completed from Slack', () => {
  it('sends exactly one PUT, edits one progress message in place and posts one completion message', async () => {
    e2e = await startE2e();
    addOrders();
    e2e.arm.scriptRestores({ pollsUntilDone: 2, retryAfterSeconds: 5 });
    const { me, summary } = await toSummary();
    expect(textOf(summary)).toMatch(
      /type the source server's name, pg-orders, and then click Start geo-restore/,
    );
    expect(e2e.puts()).toBe(0);

    const named = await typeName(me);
    const click = await me.click(named, 'Start geo-restore');
    const isStarted = (c: StubCall) => textOf(c).startsWith('Geo-restore started:');
    const started = (await click.posted((p) => p.some(isStarted))).find(isStarted);
    await until(() => completed().length === 1);

    expect(textOf(started)).toMatch(/^Geo-restore started: pg-orders to pg-orders-geo in westus\./);
    expect(started?.args.channel).toBe('D1');
    expect(e2e.puts()).toBe(1);
    const put = e2e.arm.requests.find((r) => r.method === 'PUT');
    expect(put?.path).toBe(TARGET_PATH);
    expect(put?.body).toMatchObject({
      location: 'westus',
      properties: { createMode: 'GeoRestore', sourceServerResourceId: ORDERS_ID },
    });

    // One progress message, posted once into the DM and then edited in place.
    const progress = e2e.stub
      .accepted('chat.postMessage')
      .filter((c) => textOf(c).startsWith('Geo-restore of pg-orders'));
    expect(progress).toHaveLength(1);
    expect(progress[0]?.args.channel).toBe('D1');
    const progressTs = progressTsOf(progress[0]);
    const updates = e2e.stub.accepted('chat.update');
    expect(updates.length).toBeGreaterThanOrEqual(3);
    expect(updates.every((u) => u.args.ts === progressTs && u.args.channel === 'D1')).toBe(true);
    expect(textOf(updates.at(-1))).toContain('Finished: the new server is ready.');

    const done = completed();
    expect(done).toHaveLength(1);
    expect(done[0]?.args.channel).toBe('D1');
    expect(textOf(done[0])).toContain('pg-orders-geo.postgres.database.azure.com');
    expect(textOf(done[0])).toMatch(/firewall rules/);
    expect(e2e.scheduler.delays).toContain(5000);

    await vi.waitFor(async () => expect(await e2e.audit()).toHaveLength(4));
    const rows = await e2e.audit();
    expect(rows.map((r) => r.kind)).toEqual([
      'check',
      'restore.confirmed',
      'restore.started',
      'restore.succeeded',
    ]);
    expect(rows.find((r) => r.kind === 'restore.started')).toMatchObject({
      askedBy: { channel: 'slack', userId: ALICE },
      confirmedBy: { channel: 'slack', userId: ALICE },
      azure: { correlationId: expect.any(String) },
    });
  });

  it('does not start on the Start button alone: the source name must be typed first', async () => {
    e2e = await startE2e();
    addOrders();
    const { me, summary } = await toSummary();

    const reply = await (await me.click(summary, 'Start geo-restore')).reply();

    expect(textOf(reply)).toMatch(/first type the source server's name, pg-orders,/);
    expect(e2e.puts()).toBe(0);
  });

  it('works in a channel thread too: started by a mention, the name typed as a mention in the thread', async () => {
    e2e = await startE2e();
    addOrders();
    const me = e2e.as(ALICE, 'C1');
    const { ts: thread, reply: askName } = await me.mention('restore pg-orders');
    expect(askName?.args.thread_ts).toBe(thread);
    const askGroup = await (await me.click(askName, 'Use pg-orders-geo')).reply();
    await (await me.click(askGroup, 'restore.group')).reply();
    const { reply: named } = await me.mention('pg-orders', thread);
    expect(textOf(named)).toMatch(/^Name confirmed/);

    await me.click(named, 'Start geo-restore');
    await until(() => completed().length === 1);

    expect(e2e.puts()).toBe(1);
    expect(completed()[0]?.args).toMatchObject({ channel: 'C1', thread_ts: thread });
  });
});

/** Reads the ts the stub gave the progress message (its answer is not recorded, so it is recomputed). */
function progressTsOf(call: StubCall | undefined): string | undefined {
  // The stub numbers every postMessage/postEphemeral ts in order; find this call's position among them.
  const numbered = e2e.stub.calls.filter(
    (c) => c.status === 200 && (c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral'),
  );
  const n = numbered.indexOf(call as StubCall) + 1;
  return n > 0 ? `1767000000.${String(n).padStart(6, '0')}` : undefined;
}

describe('Azure faults during a restore started from Slack: a clear message, an audit row, no raw Azure text', () => {
  const cases: Array<{ name: string; fault: Fault; summary: RegExp; outcome: string }> = [
    {
      name: '403',
      fault: { status: 403 },
      summary: /Azure did not allow starting the geo-restore \(Azure code AuthorizationFailed\)\./,
      outcome: 'failed:azure.forbidden',
    },
    {
      name: '404',
      fault: { status: 404, code: 'ResourceGroupNotFound' },
      summary: /Azure could not find something needed for starting the geo-restore/,
      outcome: 'failed:azure.notFound',
    },
    {
      name: '409',
      fault: { status: 409, code: 'ServerAlreadyExists' },
      summary: /Azure refused starting the geo-restore because of a conflicting state/,
      outcome: 'failed:azure.conflict',
    },
    {
      name: '429 with Retry-After',
      fault: { status: 429, retryAfterSeconds: 0 },
      summary: /Azure is throttling requests right now/,
      outcome: 'failed:azure.throttled',
    },
    {
      name: '500',
      fault: { status: 500 },
      summary: /Azure did not answer properly while starting the geo-restore \(HTTP 500\)/,
      outcome: 'failed:azure.unavailable',
    },
  ];

  for (const c of cases) {
    it(`answers a PUT that fails with ${c.name}`, async () => {
      e2e = await startE2e();
      addOrders();
      e2e.arm.fail('flexible.put', { ...c.fault, message: 'raw azure text' });
      const { me } = await toSummary();
      await me.click(await typeName(me), 'Start geo-restore');

      await until(() => failed().length === 1);

      expect(textOf(failed()[0])).toMatch(c.summary);
      expect(labelsOf(failed()[0])).toEqual(['Talk to a person']);
      expect(completed()).toHaveLength(0);
      expect(JSON.stringify(e2e.stub.calls)).not.toContain('raw azure text');
      await vi.waitFor(async () =>
        expect((await e2e.audit()).at(-1)).toMatchObject({ kind: 'restore.failed', outcome: c.outcome }),
      );
    });
  }

  it('names the missing role when the PUT is denied (403)', async () => {
    e2e = await startE2e();
    addOrders();
    e2e.arm.fail('flexible.put', { status: 403 });
    const { me } = await toSummary();
    await me.click(await typeName(me), 'Start geo-restore');

    await until(() => failed().length === 1);

    expect(textOf(failed()[0])).toMatch(/missing the custom geo-restore role on the target resource group/);
    expect(textOf(failed()[0])).toMatch(/Correlation id: [0-9a-f-]{36}/);
  });

  it('posts the Azure error code and correlation id when the operation ends Failed', async () => {
    e2e = await startE2e();
    addOrders();
    e2e.arm.scriptRestores({
      pollsUntilDone: 1,
      fail: { code: 'GeoRestoreFailed', message: 'raw azure text' },
    });
    const { me } = await toSummary();
    await me.click(await typeName(me), 'Start geo-restore');

    await until(() => failed().length === 1);

    await vi.waitFor(async () => expect((await e2e.audit()).at(-1)?.kind).toBe('restore.failed'));
    const started = (await e2e.audit()).find((r) => r.kind === 'restore.started');
    const text = textOf(failed()[0]);
    expect(text).toContain(
      'The geo-restore of pg-orders to pg-orders-geo failed in Azure (Azure code GeoRestoreFailed).',
    );
    expect(text).toContain(`Correlation id: ${started?.azure?.correlationId}`);
    expect(JSON.stringify(e2e.stub.calls)).not.toContain('raw azure text');
    expect(e2e.puts()).toBe(1);
    expect(textOf(e2e.stub.accepted('chat.update').at(-1))).toContain('Finished: the restore failed.');
    expect((await e2e.audit()).at(-1)).toMatchObject({
      kind: 'restore.failed',
      outcome: 'failed:azure.failed',
    });
  });
});

describe('who may start a restore, and exactly one PUT', () => {
  it('refuses a user who is not on the allowlist and sends no PUT', async () => {
    e2e = await startE2e({ allowed: [ALICE] });
    addOrders();

    const { reply } = await e2e.as(MALLORY, 'D9').slash('restore pg-orders');

    expect(textOf(reply)).toMatch(/Sorry, you are not on the list of people who may start a geo-restore/);
    expect(labelsOf(reply)).toEqual(['Talk to a person']);
    expect(e2e.puts()).toBe(0);
    expect(e2e.arm.requests).toHaveLength(0);
  });

  it("does not start when someone not on the allowlist clicks an allowed user's Start button", async () => {
    e2e = await startE2e({ allowed: [ALICE] });
    addOrders();
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
    addOrders();

    const { reply } = await e2e.as(ALICE, 'D1').slash('restore pg-orders');

    expect(textOf(reply)).toContain(
      'Starting a geo-restore from chat is switched off here, so nothing was started.',
    );
    expect(e2e.puts()).toBe(0);
  });

  it('gives one PUT and one completion for a redelivered click and a double click', async () => {
    e2e = await startE2e();
    addOrders();
    const { me } = await toSummary();
    const named = await typeName(me);

    const first = await me.click(named, 'Start geo-restore');
    const redelivered = await e2e.send(first.body, 'application/x-www-form-urlencoded', {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    const double = await me.click(named, 'Start geo-restore');
    await until(() => completed().length === 1);
    const again = await double.posted((p) =>
      p.some((c) => textOf(c).startsWith('This geo-restore is already started')),
    );

    expect(redelivered.status).toBe(200);
    expect(again.some((c) => textOf(c).startsWith('This geo-restore is already started'))).toBe(true);
    expect(e2e.puts()).toBe(1);
    expect(completed()).toHaveLength(1);
    expect(e2e.messages().filter((c) => textOf(c).startsWith('Geo-restore started: pg-orders'))).toHaveLength(
      1,
    );
    expect((await e2e.audit()).filter((r) => r.kind === 'restore.confirmed')).toHaveLength(1);
  });
});

/** Records, in order, when each call to Azure began and when Azure's answer reached the bot. */
function observed(events: string[]) {
  return (ops: PostgresOps): PostgresOps =>
    new Proxy(ops, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          events.push(`${String(prop)}.called`);
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } finally {
            events.push(`${String(prop)}.answered`);
          }
        };
      },
    });
}

describe('a slow Azure does not delay the acknowledgement', () => {
  it('acknowledges /georestore check before the slow Azure lookup has been answered, then answers', async () => {
    const events: string[] = [];
    e2e = await startE2e({ wrapOps: observed(events) });
    addOrders();
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
    addOrders();
    const { me } = await toSummary();
    const named = await typeName(me);
    e2e.arm.fail('flexible.put', { delayMs: 3000 });

    const click = await me.click(named, 'Start geo-restore');
    events.push('ack');
    await until(() => completed().length === 1);

    const ack = events.indexOf('ack');
    expect(click.res.status).toBe(200);
    expect(events.indexOf('startGeoRestore.answered')).toBeGreaterThan(ack);
    expect(e2e.puts()).toBe(1);
  });
});
