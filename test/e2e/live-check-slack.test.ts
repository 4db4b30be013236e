import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, type E2e, labelsOf, SUB_A, SUB_B, startE2e, textOf } from './e2e-bot.js';
import { addOrders } from './live-slack-helpers.js';

/**
 * Issue 5, end to end through Slack's HTTP edge: the bot started by startBot from a loadConfig
 * configuration, driven only by signed requests to POST /slack/events, answering through a loopback
 * Slack Web API, with the real Azure SDK clients talking to a loopback Azure Resource Manager.
 * This file: the eligibility check.
 */

let e2e: E2e;
afterEach(async () => e2e?.close());

describe('eligibility checks through /georestore check', () => {
  it('answers an eligible server with every condition and offers a geo-restore', async () => {
    e2e = await startE2e();
    addOrders(e2e);

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
    addOrders(e2e, { geoRedundantBackup: 'Disabled' });

    const { reply } = await e2e.as(ALICE).slash('check pg-orders');

    const text = textOf(reply);
    expect(text).toContain('pg-orders cannot be geo-restored right now.');
    expect(text).toMatch(/Geo-redundant backup: .*cannot be switched on later/);
    expect(labelsOf(reply)).toEqual(['Talk to a person']);
  });

  it('says a server younger than one hour is not eligible yet', async () => {
    e2e = await startE2e();
    addOrders(e2e, { createdAt: new Date(Date.now() - 20 * 60_000).toISOString() });

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
    addOrders(e2e);
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
