import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../bot/model.js';
import { button } from '../support/create-test-bot.js';
import { addOrders, confirm, type LiveBot, startLiveBot, toSummary } from './live-bot.js';

/**
 * Issue 17: the facts that matter in a disaster, as the restore dialog states them (facts audit of
 * 2026-12, rows 2, 11, 12, 18, 28): a geo-restore copies no firewall rule, and while the source's region
 * is down the new server cannot be created with geo-redundant backup.
 */

const fact = (reply: Reply | undefined, label: string) => reply?.facts?.find((f) => f.label === label)?.value;

describe('the restore dialog states what Microsoft documents today', () => {
  let live: LiveBot;
  beforeEach(async () => {
    live = await startLiveBot();
    addOrders(live.arm, { geoRedundantBackup: 'Enabled' });
  });
  afterEach(() => live.close());

  it('says in the summary that firewall rules are not copied and must be added again', async () => {
    const summary = await toSummary(live);

    expect(summary.text).toMatch(
      /firewall rules: not copied by a geo-restore; add the server-level firewall rules again/,
    );
    expect(summary.text).not.toMatch(/copies them/);
    for (const item of [
      'private endpoints and virtual network rules',
      'read replicas',
      'virtual endpoints',
      'logins',
    ])
      expect(summary.text).toContain(item);
  });

  it('offers the summary again without geo-redundant backup, and sends the PUT with it switched off', async () => {
    const summary = await toSummary(live);
    expect(summary.text).toMatch(
      /If eastus is down right now, Azure cannot create the new server with geo-redundant backup/,
    );
    expect(fact(summary, 'Geo-redundant backup')).toBe('As the source (on)');

    const off = button(summary, 'Without geo-redundant backup');
    const [again] = await live.from('U1').click(off.id, off.value);
    expect(again?.kind).toBe('confirm');
    expect(fact(again, 'Geo-redundant backup')).toBe(
      'Off for the new server (it cannot be switched on later)',
    );
    expect(again?.buttons?.some((b) => b.label === 'Without geo-redundant backup')).toBe(false);

    const [started] = await confirm(live, again as Reply);
    expect(started?.summary).toMatch(/^Geo-restore started/);
    // The first summary's confirmation was replaced: its Start button starts nothing.
    const first = button(summary, 'restore.confirm');
    const [stale] = await live.from('U1').click(first.id, first.value);
    expect(stale?.summary).toMatch(/^Nothing was started/);
    await live.settle();
    expect(live.puts()).toBe(1);
    const put = live.arm.requests.find((r) => r.route === 'flexible.put');
    expect(put?.body).toMatchObject({
      properties: { createMode: 'GeoRestore', backup: { geoRedundantBackup: 'Disabled' } },
    });
  });

  it('says how long a restore takes as the documentation does, and what to do after it', async () => {
    live.arm.scriptRestores({ pollsUntilDone: 1 });
    const [started] = await confirm(live, await toSummary(live));
    expect(started?.summary).toMatch(/^Geo-restore started/);
    await live.settle();
    const progress = live.messenger.sent.find((s) => s.reply.kind === 'progress');
    expect(progress?.reply.text).toMatch(/from a few minutes up to a few hours/);
    const [done] = live.messenger.titled('Geo-restore complete');
    expect(done?.text).toMatch(/Post-restore checklist:/);
    expect(done?.text).toMatch(/firewall rules: not copied/);
    expect(done?.text).toMatch(/while the source region is down, Azure cannot create the new server with it/);
  });
});

describe('the eligibility check gives advice that can be carried out', () => {
  let live: LiveBot;
  beforeEach(async () => {
    live = await startLiveBot();
  });
  afterEach(() => live.close());

  it('in a region without geo-redundant backup, points to a geo-replica, not a point-in-time restore', async () => {
    addOrders(live.arm, { geoRedundantBackup: 'Disabled' });
    live.arm.disableGeoBackupIn('eastus');

    const [check] = await live.from('U1').send('check pg-orders');

    const geo = fact(check, 'Geo-redundant backup');
    expect(geo).toMatch(/a point-in-time restore stays in the same region, so that cannot help here/);
    expect(geo).toMatch(/read replica in another region/);
  });

  it('where the region offers it, says the point-in-time restore stays in the same region', async () => {
    addOrders(live.arm, { geoRedundantBackup: 'Disabled' });

    const [check] = await live.from('U1').send('check pg-orders');

    expect(fact(check, 'Geo-redundant backup')).toMatch(/point-in-time restore, in the same region/);
    expect(fact(check, 'Network')).toMatch(/not the firewall rules: add them again/);
    expect(check?.links?.[0]?.url).toBe(
      'https://learn.microsoft.com/azure/postgresql/backup-restore/how-to-restore-paired-region',
    );
  });
});
