import { describe, expect, it } from 'vitest';
import { ManualClock } from '../support/manual-clock.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { ALICE, labelsOf, MALLORY, SUB_A, textOf } from './e2e-bot.js';
import * as h from './handoff-slack-harness.js';

/**
 * Issue 6 through Slack's HTTP edge (see handoff-slack-harness.ts). This file: channel messages, reminders, approvals, a failed restore and a restart.
 */

h.useHandoffBot();

describe('channel messages', () => {
  it('drops messages of other channels before anything is stored, and still answers mentions there', async () => {
    await h.start();
    const seen = async () => (await h.e2e.store.list('slack:seen:event:')).length;
    const before = await seen();

    await h.e2e.as(h.DAVE, 'C1').reply('just chatting in a thread', '1767000000.000777');
    const { reply } = await h.e2e.as(h.DAVE, 'C1').mention('what is geo-redundant backup');

    expect(textOf(reply)).toMatch(/geo/i);
    // Only the mention was recorded for de-duplication; the plain channel message was dropped first.
    expect(await seen()).toBe(before + 1);
    expect(h.inChannel('C1', '1767000000.000777')).toHaveLength(0);
  });
});

describe('reminders', () => {
  it('re-notifies an unclaimed ticket once per period, mentioning the on-call group', async () => {
    const clock = new ManualClock(new Date().toISOString());
    const logger = new RecordingLogger();
    await h.start({ clock, logger });
    await h.e2e.as(h.DAVE, 'D7').dm('talk to a human');
    await logger.until('ticket.posted');
    const thread = h.postedTs(h.cards()[0]);
    const reminders = h.e2e.bot.handoff?.reminders;
    if (!reminders) throw new Error('handoff is not configured');

    clock.advance(14 * 60_000);
    expect(await reminders.tick()).toBe(0);
    clock.advance(2 * 60_000);
    expect(await reminders.tick()).toBe(1);
    expect(await reminders.tick()).toBe(0);

    const reminder = h.inChannel(h.SUPPORT, thread)[0];
    expect(textOf(reminder)).toMatch(/^<!subteam\^S0ONCALL1> Ticket T-\w+ has waited 16 minutes/);
    const blocks = (reminder?.args.blocks ?? []) as Array<{ text?: { text: string } }>;
    expect(blocks[0]?.text?.text).toBe(`<!subteam^${h.ONCALL}>`);
    clock.advance(15 * 60_000);
    expect(await reminders.tick()).toBe(1);

    await h.clickFor(h.e2e.as(h.BOB, h.SUPPORT), h.cards()[0], 'Claim', /You claimed/);
    clock.advance(60 * 60_000);
    expect(await reminders.tick()).toBe(0);
  });
});

describe('approvals', () => {
  it('turns a restore by someone not allowed into an approval that only a second, allowed person can give', async () => {
    await h.start();
    h.e2e.arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-prod', name: 'pg-orders' });
    h.e2e.arm.scriptRestores({ pollsUntilDone: 1 });
    const mallory = h.e2e.as(MALLORY, 'D9');
    const { reply: askName } = await mallory.slash('restore pg-orders');
    const askGroup = await (await mallory.click(askName, 'Use pg-orders-geo')).reply();
    const asked = await h.clickFor(mallory, askGroup, 'restore.group', /approve it/);
    await h.until(() => h.cards().length === 1);

    expect(textOf(asked)).toMatch(/asked the support team to approve it: ticket T-/);
    const card = h.cards()[0];
    expect(textOf(card)).toContain('approval of a geo-restore');
    expect(textOf(card)).toContain('pg-orders → rg-prod/pg-orders-geo in westus');
    expect(labelsOf(card)).toEqual(['Approve restore', 'Decline', 'Claim', 'Resolve']);

    const self = await h.clickFor(h.e2e.as(MALLORY, h.SUPPORT), card, 'Approve restore', /yourself/);
    expect(textOf(self)).toMatch(/You asked for this restore yourself/);
    const notAllowed = await h.clickFor(
      h.e2e.as(h.BOB, h.SUPPORT),
      card,
      'Approve restore',
      /RESTORE_ALLOWED/,
    );
    expect(textOf(notAllowed)).toMatch(/not on RESTORE_ALLOWED_USERS/);
    expect(h.e2e.puts()).toBe(0);

    const approved = await h.clickFor(h.e2e.as(ALICE, h.SUPPORT), card, 'Approve restore', /approved T-/);
    expect(textOf(approved)).toMatch(/^You approved T-/);
    await h.until(() => h.inChannel('D9').some((c) => textOf(c).startsWith('Geo-restore complete')));
    const again = await h.clickFor(h.e2e.as(ALICE, h.SUPPORT), card, 'Approve restore', /already closed/);

    expect(textOf(again)).toMatch(/already closed/);
    expect(h.e2e.puts()).toBe(1);
    expect((await h.tickets())[0]).toMatchObject({
      state: 'resolved',
      resolution: 'approved',
      approval: { decision: { approved: true, by: { id: ALICE } } },
    });
    const confirmed = (await h.e2e.audit()).find((a) => a.kind === 'restore.confirmed');
    expect(confirmed).toMatchObject({
      askedBy: { userId: MALLORY },
      confirmedBy: { userId: ALICE },
      detail: expect.stringMatching(/^approved on ticket T-/),
    });
  });
});

describe('a declined approval', () => {
  it('tells the requester, starts nothing and closes the ticket', async () => {
    await h.start();
    h.e2e.arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-prod', name: 'pg-orders' });
    const mallory = h.e2e.as(MALLORY, 'D9');
    const { reply: askName } = await mallory.slash('restore pg-orders');
    const askGroup = await (await mallory.click(askName, 'Use pg-orders-geo')).reply();
    await h.clickFor(mallory, askGroup, 'restore.group', /approve it/);
    await h.until(() => h.cards().length === 1);

    const declined = await h.clickFor(h.e2e.as(ALICE, h.SUPPORT), h.cards()[0], 'Decline', /You declined T-/);
    await h.until(() =>
      h.inChannel('D9').some((c) => textOf(c).includes('declined your geo-restore request')),
    );

    expect(textOf(declined)).toMatch(/Nothing was started/);
    expect(h.e2e.puts()).toBe(0);
    expect((await h.tickets())[0]).toMatchObject({ state: 'resolved', resolution: 'declined' });
    expect(labelsOf(h.cardNow(h.cards()[0]))).toEqual([]);
  });
});

describe('a failed live operation', () => {
  it('opens a ticket with Azure’s ids when a geo-restore ends Failed', async () => {
    await h.start();
    h.e2e.arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-prod', name: 'pg-orders' });
    h.e2e.arm.scriptRestores({
      pollsUntilDone: 1,
      fail: { code: 'GeoRestoreFailed', message: 'raw azure text' },
    });
    const me = h.e2e.as(ALICE, 'D1');
    const { reply: askName } = await me.slash('restore pg-orders');
    const askGroup = await h.clickFor(me, askName, 'Use pg-orders-geo', /resource group/i);
    await h.clickFor(me, askGroup, 'restore.group', /type the source server's name/);
    const named = await h.dmFor(me, 'pg-orders', /^Name confirmed/);
    await me.click(named, 'Start geo-restore');

    await h.until(() => h.cards().length === 1);

    const card = h.cards()[0];
    expect(textOf(card)).toContain('a live Azure operation failed');
    expect(textOf(card)).toContain('Azure error code: GeoRestoreFailed');
    expect(textOf(card)).toMatch(/Correlation id: \S+/);
    expect(JSON.stringify(h.e2e.stub.calls)).not.toContain('raw azure text');
    expect((await h.tickets())[0]).toMatchObject({
      reason: 'azure-failed',
      requester: { id: ALICE },
      direct: true,
    });
  });
});

describe('a restart', () => {
  it('loses no open ticket: the card, the claim and the relay work in the new process', async () => {
    const dataDir = h.freshDataDir();
    await h.start({ dataDir });
    await h.e2e.as(h.DAVE, 'D7').dm('talk to a human');
    await h.until(() => h.cards().length === 1);
    const card = h.cards()[0];
    const supportThread = h.postedTs(card);
    await h.e2e.close();

    await h.start({ dataDir });
    expect(await h.tickets()).toMatchObject([{ state: 'open', direct: true }]);
    const claimed = await h.clickFor(h.e2e.as(h.BOB, h.SUPPORT), card, 'Claim', /claimed T-/);
    expect(textOf(claimed)).toMatch(/^You claimed T-/);
    await h.e2e.as(h.BOB, h.SUPPORT).reply('Back after the restart', supportThread);
    await h.until(() => h.inChannel('D7').some((c) => textOf(c).startsWith('From support')));
  });
});
