import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../bot/model.js';
import { button } from '../support/create-test-bot.js';
import { addOrders, confirm, type LiveBot, startLiveBot, toSummary } from './live-bot.js';

const startValue = (summary: Reply) => button(summary, 'restore.confirm').value;

describe('geo-restore safety: kill switch, allowlist, bound confirmation, exactly one PUT', () => {
  let live: LiveBot;
  beforeEach(async () => {
    live = await startLiveBot({ allowed: ['U1', 'U2'] });
    addOrders(live.arm);
  });
  afterEach(() => live.close());

  it('refuses when writes are switched off, says so, calls no Azure write and audits the refusal', async () => {
    await live.close();
    live = await startLiveBot({ enabled: false });
    addOrders(live.arm);

    const [reply] = await live.from('U1').send('restore pg-orders');

    expect(reply?.summary).toBe(
      'Starting a geo-restore from chat is switched off here, so nothing was started.',
    );
    expect(reply?.text).toMatch(/RESTORE_ENABLED=true/);
    expect(live.arm.requests).toHaveLength(0);
    expect(await live.audit()).toMatchObject([{ kind: 'restore.refused', outcome: 'writes-off' }]);
  });

  it('refuses a user who is not on the allowlist, politely, with a person to ask', async () => {
    const [reply] = await live.from('U9').send('restore pg-orders');

    expect(reply?.summary).toMatch(/^Sorry, you are not on the list of people who may start a geo-restore/);
    expect(reply?.buttons?.map((b) => b.label)).toEqual(['Talk to a person']);
    expect(live.arm.requests).toHaveLength(0);
    expect(await live.audit()).toMatchObject([
      { kind: 'restore.refused', outcome: 'not-allowed', askedBy: { userId: 'U9' } },
    ]);
  });

  it('starts nothing when writes are switched off between the summary and the click', async () => {
    const summary = await toSummary(live);
    await live.from('U1').send('pg-orders');
    live.policy.enabled = false;

    const [reply] = await live.from('U1').click('restore.confirm', startValue(summary));
    await live.settle();

    expect(reply?.summary).toMatch(
      /Nothing was started. Starting a geo-restore from chat has been switched off/,
    );
    expect(live.puts()).toBe(0);
  });

  it('gives exactly one PUT for a click delivered twice, and says the second time that it is already started', async () => {
    const summary = await toSummary(live);
    const [first] = await confirm(live, summary);

    const [again] = await live.from('U1').click('restore.confirm', startValue(summary));
    await live.settle();

    expect(first?.summary).toMatch(/^Geo-restore started/);
    expect(again?.summary).toMatch(/^This geo-restore is already started/);
    expect(again?.summary).toContain('pg-orders to pg-orders-geo in westus');
    expect(live.puts()).toBe(1);
    expect(live.messenger.titled('Geo-restore complete')).toHaveLength(1);
  });

  it('gives exactly one PUT for 50 concurrent confirmations on two replicas', async () => {
    const summary = await toSummary(live);
    await live.from('U1').send('pg-orders');
    const other = live.replica();

    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0
          ? live.from('U1').click('restore.confirm', startValue(summary))
          : other.click('U1', 'restore.confirm', startValue(summary)),
      ),
    );
    await live.settle();

    expect(live.puts()).toBe(1);
    // The winner may itself be retried by the engine after a state-save conflict and then read "already started".
    const summaries = replies.flat().map((r) => r.summary ?? r.text);
    expect(summaries.filter((s) => s.startsWith('Geo-restore started')).length).toBeLessThanOrEqual(1);
    expect(summaries.every((s) => /^(Geo-restore started|This geo-restore is already started)/.test(s))).toBe(
      true,
    );
    expect(await live.store.list('restore/run/')).toHaveLength(1);
    expect(live.messenger.titled('Geo-restore complete')).toHaveLength(1);
    expect((await live.audit()).filter((r) => r.kind === 'restore.confirmed')).toHaveLength(1);
  });

  it('gives one PUT when the same restore is summarised twice and both are confirmed', async () => {
    const first = await toSummary(live);
    const second = await toSummary(live, 'U2');

    const replies = await Promise.all([confirm(live, first, 'U1'), confirm(live, second, 'U2')]);
    await live.settle();

    const summaries = replies.flat().map((r) => r.summary ?? '');
    expect(summaries.filter((s) => s.startsWith('Geo-restore started'))).toHaveLength(1);
    expect(
      summaries.filter((s) => /A geo-restore to the same new server is already under way/.test(s)),
    ).toHaveLength(1);
    expect(live.puts()).toBe(1);
  });

  it('refuses an expired confirmation and says why', async () => {
    const summary = await toSummary(live);
    await live.from('U1').send('pg-orders');
    live.advance(11 * 60 * 1000);

    const [reply] = await live.from('U1').click('restore.confirm', startValue(summary));
    await live.settle();

    expect(reply?.summary).toBe('Nothing was started. This confirmation has expired.');
    expect(live.puts()).toBe(0);
    expect((await live.audit()).at(-1)).toMatchObject({
      kind: 'restore.confirmation-rejected',
      outcome: 'expired',
    });
  });

  it('refuses a typed name after the confirmation expired', async () => {
    await toSummary(live);
    live.advance(11 * 60 * 1000);

    const [reply] = await live.from('U1').send('pg-orders');

    expect(reply?.summary).toBe('Nothing was started. This confirmation has expired.');
  });

  it('refuses a confirmation whose parameters were altered', async () => {
    const summary = await toSummary(live);
    await live.from('U1').send('pg-orders');
    const value = startValue(summary) as { nonce: string; hash: string };

    const [reply] = await live
      .from('U1')
      .click('restore.confirm', { ...value, hash: `${value.hash.slice(0, -1)}0` });
    await live.settle();

    expect(reply?.summary).toBe(
      'Nothing was started. The details of this confirmation do not match the summary I showed.',
    );
    expect(live.puts()).toBe(0);
  });

  it("refuses another user's click on someone else's confirmation, even an allowed user", async () => {
    const summary = await toSummary(live);
    await live.from('U1').send('pg-orders');

    const [reply] = await live.from('U2').click('restore.confirm', startValue(summary));
    await live.settle();

    expect(reply?.summary).toMatch(/belongs to someone else: only the person who asked/);
    expect(reply?.personal).toBe(true);
    expect(live.puts()).toBe(0);
    const [own] = await live.from('U1').click('restore.confirm', startValue(summary));
    expect(own?.summary).toMatch(/^Geo-restore started/);
  });

  it('refuses an older summary once a newer one replaced it', async () => {
    const old = await toSummary(live);
    await toSummary(live);
    await live.from('U1').send('pg-orders');

    const [reply] = await live.from('U1').click('restore.confirm', startValue(old));
    await live.settle();

    expect(reply?.summary).toMatch(/replaced by a newer summary/);
    expect(live.puts()).toBe(0);
  });

  it('refuses a confirmation it never issued', async () => {
    await toSummary(live);
    await live.from('U1').send('pg-orders');

    const [reply] = await live.from('U1').click('restore.confirm', { nonce: 'forged', hash: 'x' });

    expect(reply?.summary).toMatch(/I do not know this confirmation/);
    expect(live.puts()).toBe(0);
  });

  it('does not PUT when the new server name exists by the time the runner looks', async () => {
    const summary = await toSummary(live);
    live.arm.addFlexibleServer({
      subscriptionId: '11111111-1111-1111-1111-111111111111',
      resourceGroup: 'rg-prod',
      name: 'pg-orders-geo',
    });

    await confirm(live, summary);
    await live.settle();

    expect(live.puts()).toBe(0);
    const [failed] = live.messenger.titled('Geo-restore failed');
    expect(failed?.summary).toMatch(
      /A server named pg-orders-geo already exists, so I did not send the restore/,
    );
    expect((await live.audit()).at(-1)).toMatchObject({
      kind: 'restore.failed',
      outcome: 'failed:target-exists',
    });
  });
});
