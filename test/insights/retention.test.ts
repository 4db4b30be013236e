import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../dialogs/restore/run/restore-run-record.js';
import * as h from '../e2e/handoff-teams-harness.js';
import { ManualClock } from '../support/manual-clock.js';

/**
 * Issue 21, item 3, through the Teams edge: a conversation's state expires after
 * CONVERSATION_RETENTION_DAYS without a turn, unless an open ticket or a restore in flight holds it;
 * questions, figures and feedback expire after INSIGHTS_RETENTION_DAYS; the hourly sweep removes them,
 * and records written before there was a retention get one.
 */

h.useHandoffBot();
const day = 86_400_000;
const carol = { id: '29:1CaRoL', name: 'Carol Diaz', aadObjectId: 'ca401000-0000-4000-8000-000000000004' };
const dave = { id: '29:1DaVe', name: 'Dave Ng', aadObjectId: 'da4e0000-0000-4000-8000-000000000005' };
const chatOf = (who: h.Person, text: string) =>
  h.activity(
    who,
    { conversationType: 'personal', id: `a:chat-${who.name.split(' ')[0]}` },
    { type: 'message', text },
  );
const conversations = async () => (await h.store.list('conv/')).map((r) => r.key);
/** Days go by with the sweep running (hourly in the bot; daily here is as good, the retention being days). */
async function daysPass(clock: ManualClock, days: number) {
  for (let d = 0; d < days; d++) {
    clock.advance(day);
    await h.bot.sweep();
  }
}

describe('retention of conversations, questions and feedback', () => {
  it('sweeps idle conversations and expired questions, and keeps those held by a ticket or a restore until they end', async () => {
    const clock = new ManualClock(new Date().toISOString());
    await h.start(clock, { CONVERSATION_RETENTION_DAYS: '30', INSIGHTS_RETENTION_DAYS: '20' });
    await h.aliceOpensTicket();
    await h.post(chatOf(carol, 'who won the football match yesterday'));
    await h.post(chatOf(dave, 'what is geo-redundant backup'));
    await h.waitFor(() => h.connector.messages().length >= 4);
    const [aliceKey, carolKey, daveKey] = ['PERSONAL', 'Carol', 'Dave'].map(
      (who) => `conv/teams/${encodeURIComponent(who === 'PERSONAL' ? h.PERSONAL : `a:chat-${who}`)}`,
    );
    expect((await conversations()).map((k) => k.split('/').slice(0, 3).join('/')).sort()).toEqual(
      [aliceKey, carolKey, daveKey].sort(),
    );
    // Dave's restore is under way (its run record as the runner keeps it).
    const daveState = (await conversations()).find((k) => k.startsWith(`${daveKey}/`)) ?? '';
    await h.store.write<RunRecord>('restore/run/r1', {
      id: 'r1',
      address: { channel: 'teams', conversationId: 'a:chat-Dave' },
      askedBy: { channel: 'teams', userId: dave.aadObjectId, conversationId: 'a:chat-Dave' },
      phase: 'polling',
    } as RunRecord);
    // A record from before there was a retention: a 👎 of 40 days ago and one of 5 days ago.
    const past = (days: number) => new Date(clock.now().getTime() - days * day).toISOString();
    await h.store.write('feedback/old/U1', {
      entryId: 'rpo-rto',
      helpful: false,
      userId: 'U1',
      at: past(40),
    });
    await h.store.write('feedback/recent/U1', {
      entryId: 'rpo-rto',
      helpful: true,
      userId: 'U1',
      at: past(5),
    });
    expect(await h.store.list('insights/log/')).toHaveLength(1);

    // The first sweep gives the old records an expiry from their own time: the 40-day-old 👎 goes at once.
    await daysPass(clock, 1);
    expect((await h.store.list('feedback/')).map((r) => r.key)).toEqual(['feedback/recent/U1']);
    await daysPass(clock, 30);

    const left = await conversations();
    expect(left.some((k) => k.startsWith(`${carolKey}/`))).toBe(false);
    expect(left.some((k) => k.startsWith(`${aliceKey}/`))).toBe(true);
    expect(left).toContain(daveState);
    expect(await h.store.list('insights/day/')).toEqual([]);
    expect(await h.store.list('insights/log/')).toEqual([]);
    expect(await h.store.list('feedback/')).toEqual([]);

    // The ticket is resolved and the restore ends: a month later both conversations are gone too.
    // (A month on, the card's buttons have expired with it; the support team resolves the ticket itself.)
    const [ticket] = await h.tickets();
    const resolved = await h.bot.handoff?.tickets.resolve(ticket?.id ?? '', {
      channel: 'teams',
      id: h.bob.aadObjectId,
    });
    expect(resolved?.ok).toBe(true);
    await h.store.write('restore/run/r1', {
      ...(await h.store.read<RunRecord>('restore/run/r1'))?.value,
      phase: 'done',
    } as RunRecord);
    await daysPass(clock, 31);
    expect(await conversations()).toEqual([]);
    expect(await h.store.list('ticket/active/')).toEqual([]);
  });
});
