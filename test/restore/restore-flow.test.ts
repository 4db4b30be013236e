import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../bot/model.js';
import type { PostgresOps } from '../../bot/ports/postgres-ops.js';
import { button } from '../support/create-test-bot.js';
import { addOrders, confirm, type LiveBot, SUB_A, startLiveBot, toSummary } from './live-bot.js';

const fact = (reply: Reply | undefined, label: string) => reply?.facts?.find((f) => f.label === label);

describe('a geo-restore from chat, confirmed and completed', () => {
  let live: LiveBot;
  beforeEach(async () => {
    live = await startLiveBot();
    addOrders(live.arm);
  });
  afterEach(() => live.close());

  it('says the target region is the paired one and suggests <source>-geo as the name', async () => {
    const [ask] = await live.from('U1').send('restore pg-orders');

    expect(ask?.summary).toBe('The new server will be created in westus, the region paired with eastus.');
    expect(ask?.text).toMatch(/always goes to the paired region/);
    expect(button(ask, 'Use pg-orders-geo').value).toEqual({ name: 'pg-orders-geo' });
  });

  it('summarises exactly what will be created and what will not carry over, and sends nothing yet', async () => {
    const summary = await toSummary(live);

    expect(summary.kind).toBe('confirm');
    expect(fact(summary, 'New server')?.value).toBe('pg-orders-geo');
    expect(fact(summary, 'Region')?.value).toBe('westus (the paired region of eastus)');
    expect(fact(summary, 'Resource group')?.value).toBe(`rg-prod, subscription ${SUB_A}`);
    expect(fact(summary, 'Network')?.value).toBe('Public access, as the source');
    expect(summary.text).toMatch(/private endpoints/);
    expect(summary.text).toMatch(/server parameters/);
    expect(summary.text).toMatch(/high availability/);
    expect(summary.text).toMatch(/alerts/);
    expect(summary.text).toMatch(/firewall rules: not copied by a geo-restore/);
    expect(summary.text).toMatch(
      /type the source server's name, pg-orders, and then click Start geo-restore/,
    );
    expect(summary.text).toMatch(/expires at 2026-01-10 12:10 UTC/);
    expect(live.puts()).toBe(0);
  });

  it('does not start on the button alone: the source name must be typed first', async () => {
    const summary = await toSummary(live);
    const start = button(summary, 'restore.confirm');

    const [reply] = await live.from('U1').click(start.id, start.value);
    await live.settle();

    expect(reply?.text).toMatch(/first type the source server's name, pg-orders,/);
    expect(live.puts()).toBe(0);
  });

  it('tells the user when the typed name does not match', async () => {
    await toSummary(live);

    const [reply] = await live.from('U1').send('pg-order');

    expect(reply?.text).toMatch(/does not match.*exactly: pg-orders/);
  });

  it('answers the confirmation at once, then restores, editing one progress message', async () => {
    live.arm.scriptRestores({ pollsUntilDone: 3, retryAfterSeconds: 5 });
    const summary = await toSummary(live);

    const [started] = await confirm(live, summary);
    expect(started).toMatchObject({ kind: 'progress' });
    expect(started?.summary).toBe('Geo-restore started: pg-orders to pg-orders-geo in westus.');

    await live.settle();

    expect(live.puts()).toBe(1);
    const progress = live.messenger.sent.filter((s) => s.reply.kind === 'progress');
    expect(progress).toHaveLength(1);
    const edits = live.messenger.updates.filter((u) => u.messageId === progress[0]?.messageId);
    expect(edits.length).toBeGreaterThanOrEqual(4);
    expect(edits.every((e) => e.reply.title === progress[0]?.reply.title)).toBe(true);
    expect(live.messenger.current(progress[0]?.messageId ?? '')?.summary).toBe(
      'Finished: the new server is ready.',
    );
    expect(live.scheduler.delays).toContain(5000);
  });

  it('posts one completion message with the host name, how to connect and the post-restore checklist', async () => {
    const summary = await toSummary(live);
    await confirm(live, summary);

    await live.settle();

    const done = live.messenger.titled('Geo-restore complete');
    expect(done).toHaveLength(1);
    const reply = done[0];
    expect(fact(reply, 'Host name')?.value).toBe('pg-orders-geo.postgres.database.azure.com');
    expect(reply?.text).toMatch(/user exampleadministratorlogin/);
    expect(reply?.text).toMatch(/user name is plain; the user@server form was only for Single Server/);
    for (const item of [
      'firewall rules',
      'private endpoints',
      'server parameters',
      'high availability',
      'alerts',
    ])
      expect(reply?.text).toContain(item);
    expect(live.messenger.sent.every((s) => s.address.conversationId === 'C0RESTORE')).toBe(true);
  });

  it('sends the PUT Azure expects: GeoRestore from the source into the paired region', async () => {
    const summary = await toSummary(live);
    await confirm(live, summary);
    await live.settle();

    const put = live.arm.requests.find((r) => r.method === 'PUT');
    expect(put?.path).toBe(
      `/subscriptions/${SUB_A}/resourceGroups/rg-prod/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-orders-geo`,
    );
    expect(put?.body).toMatchObject({
      location: 'westus',
      properties: {
        createMode: 'GeoRestore',
        sourceServerResourceId: `/subscriptions/${SUB_A}/resourceGroups/rg-prod/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-orders`,
      },
    });
    const getBeforePut = live.arm.requests.findIndex(
      (r) => r.method === 'GET' && r.path.endsWith('/flexibleServers/pg-orders-geo'),
    );
    expect(getBeforePut).toBeGreaterThanOrEqual(0);
    expect(getBeforePut).toBeLessThan(live.arm.requests.findIndex((r) => r.method === 'PUT'));
  });

  it('audits who asked, who confirmed, the parameters, the Azure ids and the outcome', async () => {
    const summary = await toSummary(live);
    await confirm(live, summary);
    await live.settle();

    const rows = await live.audit();
    expect(rows.map((r) => r.kind)).toEqual([
      'check',
      'restore.confirmed',
      'restore.started',
      'restore.succeeded',
    ]);
    const started = rows.find((r) => r.kind === 'restore.started');
    expect(started).toMatchObject({
      askedBy: { channel: 'slack', userId: 'U1' },
      confirmedBy: { channel: 'slack', userId: 'U1' },
      params: { target: { name: 'pg-orders-geo', region: 'westus', resourceGroup: 'rg-prod' } },
      azure: { requestId: expect.any(String), correlationId: expect.any(String) },
    });
    expect(rows.at(-1)).toMatchObject({
      outcome: 'succeeded',
      azure: { correlationId: started?.azure?.correlationId },
    });
  });

  it('answers the confirmation before Azure has even received the PUT', async () => {
    await live.close();
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    live = await startLiveBot({
      wrapOps: (ops): PostgresOps => ({
        findServers: (q) => ops.findServers(q),
        getServer: (r) => ops.getServer(r),
        capabilities: (r, s) => ops.capabilities(r, s),
        checkName: (r, n, s) => ops.checkName(r, n, s),
        latestBackup: (r) => ops.latestBackup(r),
        startGeoRestore: async (req) => {
          await held;
          return ops.startGeoRestore(req);
        },
        pollGeoRestore: (h) => ops.pollGeoRestore(h),
      }),
    });
    addOrders(live.arm);
    const summary = await toSummary(live);

    const [started] = await confirm(live, summary);

    expect(started?.kind).toBe('progress');
    expect(live.puts()).toBe(0);
    release();
    await live.settle();
    expect(live.puts()).toBe(1);
  });

  it('takes a typed name and resource group, checking the name with Azure', async () => {
    live.arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-dr', name: 'pg-taken' });
    await live.from('U1').send('restore pg-orders');

    const [bad] = await live.from('U1').send('PG_Orders');
    expect(bad?.summary).toMatch(/only lower-case letters, digits and hyphens/);
    const [taken] = await live.from('U1').send('pg-taken');
    expect(taken?.summary).toMatch(/already taken/);
    const [group] = await live.from('U1').send('pg-orders-dr');
    expect(group?.summary).toBe('pg-orders-dr is free.');
    const [summary] = await live.from('U1').send('rg-dr');

    expect(fact(summary, 'New server')?.value).toBe('pg-orders-dr');
    expect(fact(summary, 'Resource group')?.value).toMatch(/^rg-dr,/);
    expect(live.arm.count('nameAvailability')).toBe(2);
  });

  it('asks for a delegated subnet when the source is private and restores into it', async () => {
    await live.close();
    live = await startLiveBot();
    addOrders(live.arm, { privateNetwork: true });
    const subnet = `/subscriptions/${SUB_A}/resourceGroups/rg-dr/providers/Microsoft.Network/virtualNetworks/vnet-west/subnets/pg`;
    const [askName] = await live.from('U1').send('restore pg-orders');
    const useName = button(askName, 'restore.name');
    const [askGroup] = await live.from('U1').click(useName.id, useName.value);
    const useGroup = button(askGroup, 'restore.group');

    const [askSubnet] = await live.from('U1').click(useGroup.id, useGroup.value);
    expect(askSubnet?.summary).toMatch(/needs a subnet in westus/);
    const [summary] = await live.from('U1').send(subnet);
    expect(fact(summary, 'Network')?.value).toBe(`Private access in subnet ${subnet}`);
    await confirm(live, summary as Reply);
    await live.settle();

    const put = live.arm.requests.find((r) => r.method === 'PUT');
    expect(put?.body).toMatchObject({ properties: { network: { delegatedSubnetResourceId: subnet } } });
  });

  it('refuses a server that is not eligible, with the reasons, and starts nothing', async () => {
    live.arm.addFlexibleServer({
      subscriptionId: SUB_A,
      resourceGroup: 'rg-prod',
      name: 'pg-nogeo',
      geoRedundantBackup: 'Disabled',
    });

    const [reply] = await live.from('U1').send('restore pg-nogeo');

    expect(reply?.summary).toBe('I cannot start a geo-restore of pg-nogeo: it is not eligible.');
    expect(reply?.text).toMatch(
      /Geo-redundant backup: Disabled. It can only be chosen when a server is created/,
    );
    expect(live.puts()).toBe(0);
  });

  it('starts from the eligibility check button', async () => {
    const [check] = await live.from('U1').send('check pg-orders');
    const start = button(check, 'Start a geo-restore');

    const [ask] = await live.from('U1').click(start.id, start.value);

    expect(ask?.summary).toMatch(/created in westus/);
  });

  it('cancels at the summary and starts nothing, even if the old button is clicked later', async () => {
    const summary = await toSummary(live);
    const [cancelled] = await live.from('U1').click('restore.cancel', button(summary, 'Cancel').value);
    expect(cancelled?.text).toBe('Cancelled. Nothing was started.');

    const [late] = await confirm(live, summary);
    await live.settle();

    expect(late?.summary).toMatch(/^Nothing was started/);
    expect(live.puts()).toBe(0);
  });
});
