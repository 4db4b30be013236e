import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Fault } from '../support/arm-loopback/arm-loopback.js';
import type { StubCall } from '../support/slack-api-stub.js';
import { ALICE, type E2e, labelsOf, startE2e, textOf } from './e2e-bot.js';
import {
  addOrders,
  completed,
  failed,
  ORDERS_ID,
  progressTsOf,
  TARGET_PATH,
  toSummary,
  typeName,
} from './live-slack-helpers.js';

/**
 * Issue 5, end to end through Slack's HTTP edge: the bot started by startBot from a loadConfig
 * configuration, driven only by signed requests to POST /slack/events, answering through a loopback
 * Slack Web API, with the real Azure SDK clients talking to a loopback Azure Resource Manager.
 * This file: a restore from start to finish, and Azure faults during one.
 */

let e2e: E2e;
afterEach(async () => e2e?.close());

describe('a geo-restore started, confirmed and completed from Slack', () => {
  it('sends exactly one PUT, edits one progress message in place and posts one completion message', async () => {
    e2e = await startE2e();
    addOrders(e2e);
    e2e.arm.scriptRestores({ pollsUntilDone: 2, retryAfterSeconds: 5 });
    const { me, summary } = await toSummary(e2e);
    expect(textOf(summary)).toMatch(
      /type the source server's name, pg-orders, and then click Start geo-restore/,
    );
    expect(e2e.puts()).toBe(0);

    const named = await typeName(me);
    const click = await me.click(named, 'Start geo-restore');
    const isStarted = (c: StubCall) => textOf(c).startsWith('Geo-restore started:');
    const started = (await click.posted((p) => p.some(isStarted))).find(isStarted);
    await e2e.stub.until(() => completed(e2e).length === 1);

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
    const progressTs = progressTsOf(e2e, progress[0]);
    const updates = e2e.stub.accepted('chat.update');
    expect(updates.length).toBeGreaterThanOrEqual(3);
    expect(updates.every((u) => u.args.ts === progressTs && u.args.channel === 'D1')).toBe(true);
    expect(textOf(updates.at(-1))).toContain('Finished: the new server is ready.');

    const done = completed(e2e);
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
    addOrders(e2e);
    const { me, summary } = await toSummary(e2e);

    const reply = await (await me.click(summary, 'Start geo-restore')).reply();

    expect(textOf(reply)).toMatch(/first type the source server's name, pg-orders,/);
    expect(e2e.puts()).toBe(0);
  });

  it('works in a channel thread too: started by a mention, the name typed as a mention in the thread', async () => {
    e2e = await startE2e();
    addOrders(e2e);
    const me = e2e.as(ALICE, 'C1');
    const { ts: thread, reply: askName } = await me.mention('restore pg-orders');
    expect(askName?.args.thread_ts).toBe(thread);
    const askGroup = await (await me.click(askName, 'Use pg-orders-geo')).reply();
    await (await me.click(askGroup, 'restore.group')).reply();
    const { reply: named } = await me.mention('pg-orders', thread);
    expect(textOf(named)).toMatch(/^Name confirmed/);

    await me.click(named, 'Start geo-restore');
    await e2e.stub.until(() => completed(e2e).length === 1);

    expect(e2e.puts()).toBe(1);
    expect(completed(e2e)[0]?.args).toMatchObject({ channel: 'C1', thread_ts: thread });
  });
});

/** Reads the ts the stub gave the progress message (its answer is not recorded, so it is recomputed). */

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
      addOrders(e2e);
      e2e.arm.fail('flexible.put', { ...c.fault, message: 'raw azure text' });
      const { me } = await toSummary(e2e);
      await me.click(await typeName(me), 'Start geo-restore');

      await e2e.stub.until(() => failed(e2e).length === 1);

      expect(textOf(failed(e2e)[0])).toMatch(c.summary);
      expect(labelsOf(failed(e2e)[0])).toEqual(['Talk to a person']);
      expect(completed(e2e)).toHaveLength(0);
      expect(JSON.stringify(e2e.stub.calls)).not.toContain('raw azure text');
      await vi.waitFor(async () =>
        expect((await e2e.audit()).at(-1)).toMatchObject({ kind: 'restore.failed', outcome: c.outcome }),
      );
    });
  }

  it('names the missing role when the PUT is denied (403)', async () => {
    e2e = await startE2e();
    addOrders(e2e);
    e2e.arm.fail('flexible.put', { status: 403 });
    const { me } = await toSummary(e2e);
    await me.click(await typeName(me), 'Start geo-restore');

    await e2e.stub.until(() => failed(e2e).length === 1);

    expect(textOf(failed(e2e)[0])).toMatch(
      /missing the custom geo-restore role on the target resource group/,
    );
    expect(textOf(failed(e2e)[0])).toMatch(/Correlation id: [0-9a-f-]{36}/);
  });

  it('posts the Azure error code and correlation id when the operation ends Failed', async () => {
    e2e = await startE2e();
    addOrders(e2e);
    e2e.arm.scriptRestores({
      pollsUntilDone: 1,
      fail: { code: 'GeoRestoreFailed', message: 'raw azure text' },
    });
    const { me } = await toSummary(e2e);
    await me.click(await typeName(me), 'Start geo-restore');

    await e2e.stub.until(() => failed(e2e).length === 1);

    await vi.waitFor(async () => expect((await e2e.audit()).at(-1)?.kind).toBe('restore.failed'));
    const started = (await e2e.audit()).find((r) => r.kind === 'restore.started');
    const text = textOf(failed(e2e)[0]);
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
