import { describe, expect, it } from 'vitest';
import type { PostgresOps } from '../../bot/ports/postgres-ops.js';
import { ManualStageTimer } from '../support/manual-stage-timer.js';
import { appHomeOpened, eventEnvelope } from '../support/slack-requests.js';
import { clickHome, homeOf, homeText, openHome } from './channels-slack-helpers.js';
import { ALICE, textOf } from './e2e-bot.js';
import * as h from './handoff-slack-harness.js';
import { addOrders, ORDERS_ID } from './live-slack-helpers.js';

/** Issue 22 through Slack's real edge: the App Home tab, and a slow live check showing it is working. */
h.useHandoffBot();

const DM = 'D0DAVE001';

describe('the Slack App Home tab', () => {
  it("shows what the bot can do, the most asked topics, the person's tickets and restores, and the features on", async () => {
    const e2e = await h.start();
    const dave = e2e.as(h.DAVE, DM);
    await dave.dm('I need to talk to a human');
    await h.until(() => h.cards().length === 1);
    // Two answers about one topic and one about another: the insights' day figures order the home's topics.
    const alice = e2e.as(ALICE, 'C1');
    await alice.mention('what is geo-redundant backup');
    await alice.mention('what is geo-redundant backup');
    await alice.mention('what are the RPO and RTO of a geo-restore');
    await waitForTally(e2e, 3);
    await e2e.store.write('restore/run/r1', {
      id: 'r1',
      address: { channel: 'slack', conversationId: DM },
      request: {
        source: {
          subscriptionId: 's',
          resourceGroup: 'rg-prod',
          name: 'pg-orders',
          id: ORDERS_ID,
          model: 'flexible-server',
        },
        target: { subscriptionId: 's', resourceGroup: 'rg-prod', name: 'pg-orders-geo', region: 'westus' },
        pointInTime: '2026-01-10T11:00:00Z',
      },
      opKey: 'k',
      askedBy: { channel: 'slack', userId: h.DAVE, conversationId: DM },
      confirmedBy: { channel: 'slack', userId: h.DAVE, conversationId: DM },
      confirmedAt: '2026-01-10T11:05:00Z',
      phase: 'polling',
      checks: 2,
      failures: 0,
    });

    const home = await openHome(e2e, h.DAVE, DM);

    expect(home?.args.user_id).toBe(h.DAVE);
    expect(homeOf(home)).toMatchObject({ type: 'home', private_metadata: JSON.stringify({ dm: DM }) });
    const text = homeText(home);
    expect(text).toContain('Ask GeoRestore');
    const [ticket] = await h.tickets();
    expect(text).toContain(`${ticket?.ref}: waiting for someone from support`);
    expect(text).toContain(
      'pg-orders to pg-orders-geo in westus: running in Azure, since 2026-01-10T11:05:00Z',
    );
    for (const feature of ['Live checks', 'Restores', 'Support tickets'])
      expect(text).toMatch(new RegExp(`\\*${feature}\\*\\n:white_check_mark: on`));
    const labels = homeOf(home)
      .blocks.flatMap((b) => b.elements ?? [])
      .map((e) => e.text.text);
    expect(labels.slice(0, 3)).toEqual([
      'What geo-redundant backup is and why you would use it',
      'Recovery point and recovery time of a geo-restore',
      // Asked by nobody yet: a topic most people start with fills the third place.
      'How to run a geo-restore',
    ]);

    // A topic clicked on the Home tab is answered in the person's DM with the bot.
    const before = e2e.messages().length;
    await clickHome(e2e, h.DAVE, home, labels[0] ?? '');
    const [answer] = await e2e.postedAfter(before);
    expect(answer?.args.channel).toBe(DM);
    expect(textOf(answer)).toMatch(/^What geo-redundant backup is/);
  });

  it('publishes nothing when the Messages tab is opened, and only what a person may see of their own', async () => {
    const e2e = await h.start();
    await e2e.as(h.DAVE, DM).dm('I need to talk to a human');
    await h.until(() => h.cards().length === 1);
    await e2e.send(eventEnvelope(appHomeOpened({ user: h.DAVE, channel: DM, tab: 'messages' })));

    const other = await openHome(e2e, h.BOB, 'D0BOB0001');

    expect(e2e.stub.accepted('views.publish')).toHaveLength(1);
    expect(homeText(other)).toContain('Your open tickets:\n• none');
  });
});

describe('a slow live check in a Slack thread', () => {
  it('shows the thread status, says it is slow in one message, edits the result into it and clears the status', async () => {
    const timer = new ManualStageTimer();
    let release!: () => void;
    const azure = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowFind = (ops: PostgresOps): PostgresOps => ({
      ...ops,
      findServers: async (query) => azure.then(() => ops.findServers(query)),
    });
    const e2e = await h.start({ wrapOps: slowFind, slack: { slowTurn: { timer } } });
    addOrders(e2e);

    const alice = e2e.as(ALICE, 'C1');
    const asked = alice.mention('check pg-orders');
    await timer.armed(10_000);
    expect(timer.waiting.sort((a, b) => a - b)).toEqual([1000, 10_000]);
    timer.fire(1000);
    await e2e.stub.until((s) => s.accepted('assistant.threads.setStatus').length === 1);
    const [shown] = e2e.stub.accepted('assistant.threads.setStatus');
    const thread = String(shown?.args.thread_ts);
    expect(shown?.args).toMatchObject({ channel_id: 'C1', status: 'is working on it…' });
    expect(shown?.authorization).toMatch(/^Bearer xoxb-/);

    timer.fire(10_000);
    const { reply: notice } = await asked;
    expect(notice?.args.thread_ts).toBe(thread);
    expect(textOf(notice)).toMatch(/^This is taking longer than usual/);

    release();
    await e2e.stub.until((s) => s.accepted('assistant.threads.setStatus').length === 2);
    const [edit] = e2e.stub.accepted('chat.update');
    expect(edit?.args.ts).toBe('1767000000.000001');
    expect(textOf(edit)).toContain('pg-orders can be geo-restored to westus.');
    expect(e2e.stub.accepted('assistant.threads.setStatus')[1]?.args).toMatchObject({
      thread_ts: thread,
      status: '',
    });
    expect(e2e.stub.accepted('chat.postMessage')).toHaveLength(1);
  });

  it('shows nothing for a quick answer', async () => {
    const timer = new ManualStageTimer();
    const e2e = await h.start({ slack: { slowTurn: { timer } } });

    await e2e.as(ALICE, 'C1').mention('what is geo-redundant backup');

    expect(timer.waiting).toEqual([]);
    expect(e2e.stub.accepted('assistant.threads.setStatus')).toEqual([]);
    expect(e2e.stub.accepted('chat.postMessage')).toHaveLength(1);
  });
});

async function waitForTally(e2e: Awaited<ReturnType<typeof h.start>>, total: number) {
  for (;;) {
    const days = await e2e.store.list<{ counts: Record<string, number> }>('insights/day/');
    const asked = days
      .flatMap((d) => Object.entries(d.value.counts))
      .filter(([key]) => /^topic\|[^|]+\|asked\|/.test(key))
      .reduce((sum, [, n]) => sum + n, 0);
    if (asked >= total) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}
