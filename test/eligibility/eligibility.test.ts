import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Actions, type Reply } from '../../bot/model.js';
import { addOrders, type LiveBot, SUB_A, SUB_B, startLiveBot } from '../restore/live-bot.js';
import { button } from '../support/create-test-bot.js';

const fact = (reply: Reply | undefined, label: string) => reply?.facts?.find((f) => f.label === label);
const labels = (reply: Reply | undefined) => reply?.buttons?.map((b) => b.label) ?? [];

describe('eligibility check of a live server', () => {
  let live: LiveBot;
  beforeEach(async () => {
    live = await startLiveBot();
  });
  afterEach(() => live.close());

  it('reports an eligible Flexible Server with each condition passing and offers a geo-restore', async () => {
    addOrders(live.arm);

    const [reply] = await live.from('U1').send('check pg-orders');

    expect(reply).toMatchObject({ kind: 'check', summary: 'pg-orders can be geo-restored to westus.' });
    expect(fact(reply, 'Readable')?.status).toBe('pass');
    expect(fact(reply, 'Deployment model')).toMatchObject({ status: 'pass', value: 'Flexible Server.' });
    expect(fact(reply, 'Geo-redundant backup')).toMatchObject({ status: 'pass' });
    expect(fact(reply, 'Server age')).toMatchObject({ status: 'pass' });
    expect(fact(reply, 'Restore points')?.value).toMatch(
      /same region reaches back to 2025-06-01 18:35 UTC.*kept 7 days/,
    );
    expect(fact(reply, 'Region')).toMatchObject({ status: 'pass' });
    expect(fact(reply, 'Region')?.value).toMatch(/eastus; its paired region is westus/);
    expect(fact(reply, 'Network')).toMatchObject({ status: 'pass' });
    expect(fact(reply, 'Network')?.value).toMatch(/not the firewall rules: add them again/);
    expect(fact(reply, 'State')).toMatchObject({ status: 'pass', value: 'Ready.' });
    expect(labels(reply)).toEqual(['Start a geo-restore', 'Talk to a person']);
    expect(button(reply, 'Start a geo-restore').value).toEqual({
      serverId: `/subscriptions/${SUB_A}/resourceGroups/rg-prod/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-orders`,
    });
  });

  it('writes an audit row for every check with who asked and the outcome', async () => {
    addOrders(live.arm);

    await live.from('U1').send('check pg-orders');

    const rows = await live.audit();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'check',
      outcome: 'eligible',
      askedBy: { channel: 'slack', userId: 'U1', conversationId: 'C0RESTORE' },
      at: '2026-01-10T12:00:00.000Z',
    });
  });

  it('fails a server without geo-redundant backup, says it cannot be switched on later and what to do instead', async () => {
    addOrders(live.arm, { geoRedundantBackup: 'Disabled' });

    const [reply] = await live.from('U1').send('can pg-orders be geo-restored?');

    expect(reply?.summary).toBe('pg-orders cannot be geo-restored right now.');
    const geo = fact(reply, 'Geo-redundant backup');
    expect(geo?.status).toBe('fail');
    expect(geo?.value).toMatch(/cannot be switched on later/);
    expect(geo?.value).toMatch(/restore this server .* into a new server and choose geo-redundant backup/);
    expect(labels(reply)).toEqual(['Talk to a person']);
    expect((await live.audit())[0]).toMatchObject({
      outcome: 'not-eligible',
      detail: 'Geo-redundant backup',
    });
  });

  it('fails a server younger than one hour and says when to try again', async () => {
    addOrders(live.arm, { createdAt: '2026-01-10T11:30:00Z' });

    const [reply] = await live.from('U1').send('check pg-orders');

    expect(fact(reply, 'Server age')).toMatchObject({ status: 'fail' });
    expect(fact(reply, 'Server age')?.value).toMatch(/less than one hour ago.*after 2026-01-10 12:30 UTC/);
    expect(labels(reply)).not.toContain('Start a geo-restore');
  });

  it('reports a Single Server, explains its retirement, points to migration and offers no restore', async () => {
    live.arm.addSingleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-old', name: 'pg-legacy' });

    const [reply] = await live.from('U1').send('check pg-legacy');

    expect(reply?.summary).toMatch(/pg-legacy is a Single Server\. Single Server was retired on 2025-03-28/);
    expect(fact(reply, 'Deployment model')).toMatchObject({ status: 'fail' });
    expect(fact(reply, 'Geo-redundant backup')?.value).toMatch(/^Disabled/);
    expect(fact(reply, 'Restore points')?.value).toMatch(/Latest geo-backup completed/);
    expect(reply?.text).toMatch(/migrate the server to Flexible Server/);
    expect(reply?.links?.[0]?.url).toMatch(/migration/);
    expect(labels(reply)).toEqual(['Talk to a person']);
  });

  it('warns that a private server needs a subnet in the paired region', async () => {
    addOrders(live.arm, { privateNetwork: true });

    const [reply] = await live.from('U1').send('check pg-orders');

    expect(fact(reply, 'Network')).toMatchObject({ status: 'warn' });
    expect(fact(reply, 'Network')?.value).toMatch(/delegated subnet in westus/);
  });

  it('says a server was not found, suggests checking the name and subscription, and offers a person', async () => {
    const [reply] = await live.from('U1').send('check pg-nowhere');

    expect(reply?.summary).toBe('I could not find a server named pg-nowhere.');
    expect(reply?.text).toMatch(/subscriptions this bot is configured for/);
    expect(labels(reply)).toEqual(['Talk to a person']);
    expect((await live.audit())[0]).toMatchObject({ kind: 'check', outcome: 'not-found' });
  });

  it('asks which server is meant when the name is in two subscriptions, and checks the one picked', async () => {
    addOrders(live.arm);
    live.arm.addFlexibleServer({
      subscriptionId: SUB_B,
      resourceGroup: 'rg-eu',
      name: 'pg-orders',
      location: 'northeurope',
    });

    const [ask] = await live.from('U1').send('check pg-orders');
    expect(ask?.kind).toBe('clarify');
    expect(ask?.summary).toBe('I found 2 servers named pg-orders. Which one do you mean?');
    const pick = button(ask, 'pg-orders in rg-eu (northeurope, Flexible Server)');

    const [reply] = await live.from('U1').click(pick.id, pick.value);

    expect(reply?.kind).toBe('check');
    expect(reply?.context).toMatch(/rg-eu, subscription 2222/);
    expect(fact(reply, 'Region')?.value).toMatch(/northeurope; its paired region is westeurope/);
  });

  it('checks the right one when the resource group is given with the name', async () => {
    addOrders(live.arm);
    live.arm.addFlexibleServer({
      subscriptionId: SUB_B,
      resourceGroup: 'rg-eu',
      name: 'pg-orders',
      location: 'northeurope',
    });

    const [reply] = await live.from('U1').send('check pg-orders in rg-eu');

    expect(reply?.kind).toBe('check');
    expect(reply?.context).toMatch(/rg-eu/);
  });

  it('names the missing Reader role when Azure answers 403, and audits the denial with its ids', async () => {
    addOrders(live.arm);
    live.arm.fail('flexible.list', { status: 403 });

    const [reply] = await live.from('U1').send('check pg-orders');

    expect(reply?.kind).toBe('check');
    expect(fact(reply, 'Readable')).toMatchObject({ status: 'fail' });
    expect(fact(reply, 'Readable')?.value).toMatch(/Reader role/);
    expect(fact(reply, 'Azure error code')?.value).toBe('AuthorizationFailed');
    expect(fact(reply, 'Correlation id')?.value).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(reply)).not.toMatch(/Injected/);
    expect((await live.audit())[0]).toMatchObject({
      outcome: 'error:azure.forbidden',
      azure: { code: 'AuthorizationFailed', status: 403 },
    });
  });

  it('says Azure is throttling and how long to wait on a 429 with Retry-After', async () => {
    addOrders(live.arm);
    live.arm.fail('flexible.list', { status: 429, retryAfterSeconds: 0 });
    live.arm.fail('single.list', { status: 429, retryAfterSeconds: 0 });

    const [reply] = await live.from('U1').send('check pg-orders');

    expect(reply?.kind).toBe('error');
    expect(reply?.summary).toMatch(/Azure is throttling requests right now/);
    expect(reply?.text).toMatch(/Azure asked to wait 1 second/);
    expect(labels(reply)).toEqual(['Talk to a person']);
    expect((await live.audit())[0]).toMatchObject({
      outcome: 'error:azure.throttled',
      azure: { status: 429 },
    });
  });

  it('says Azure did not answer properly on a 500, without Azure text', async () => {
    addOrders(live.arm);
    live.arm.fail('flexible.list', { status: 500, message: 'secret stack trace' });

    const [reply] = await live.from('U1').send('check pg-orders');

    expect(reply?.summary).toMatch(/Azure did not answer properly .*HTTP 500/);
    expect(JSON.stringify(reply)).not.toMatch(/secret stack trace/);
    expect((await live.audit())[0]).toMatchObject({ outcome: 'error:azure.unavailable' });
  });

  it('asks which server when none is named, then checks the one typed', async () => {
    addOrders(live.arm);

    const [ask] = await live.from('U1').send('can you check my server?');
    expect(ask?.text).toMatch(/Which server should I check/);
    const [reply] = await live.from('U1').send('pg-orders');

    expect(reply?.kind).toBe('check');
  });

  it('explains that restores are switched off instead of offering the button when writes are off', async () => {
    await live.close();
    live = await startLiveBot({ enabled: false });
    addOrders(live.arm);

    const [reply] = await live.from('U1').send('check pg-orders');

    expect(labels(reply)).toEqual(['Talk to a person']);
    expect(reply?.text).toMatch(/switched off here \(RESTORE_ENABLED\)/);
  });

  it('does not offer the start button to someone outside the allowlist', async () => {
    addOrders(live.arm);

    const [reply] = await live.from('U9').send('check pg-orders');

    expect(labels(reply)).toEqual(['Talk to a person']);
    expect(reply?.text).toMatch(/restore allowlist/);
    expect(button(reply, Actions.human)).toBeDefined();
  });
});
