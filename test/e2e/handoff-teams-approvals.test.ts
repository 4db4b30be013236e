import { afterEach, describe, expect, it } from 'vitest';
import { loopbackOps, SUB_A } from '../azure/loopback-ops.js';
import { ArmLoopback } from '../support/arm-loopback/arm-loopback.js';
import type { ConnectorCall } from '../support/bot-connector-stub.js';
import { ManualClock } from '../support/manual-clock.js';
import { cardOf, textsOf } from '../teams/teams-harness.js';
import { SoonScheduler } from './e2e-bot.js';
import * as h from './handoff-teams-harness.js';

/**
 * Issue 6 through the Teams HTTP edge (see handoff-teams-harness.ts). This file: approvals, channel threads, reminders and an agent desk.
 */

h.useHandoffBot();

describe('Teams: a restore that needs approval', () => {
  const carol = { id: '29:1CaRoL', name: 'Carol Diaz', aadObjectId: 'ca201000-0000-4000-8000-000000000004' };
  let arm: ArmLoopback | undefined;
  afterEach(async () => {
    await Promise.race([arm?.close(), new Promise((r) => setTimeout(r, 300))]);
    arm = undefined;
  });

  it('becomes an approval ticket that only a second, allowed person can approve, with one PUT', async () => {
    arm = await ArmLoopback.start();
    arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-prod', name: 'pg-orders' });
    arm.scriptRestores({ pollsUntilDone: 1 });
    const agents = [h.alice, h.bob, carol].map((p) => `teams:${p.aadObjectId}`).join(',');
    await h.start(
      undefined,
      {
        AZURE_SUBSCRIPTION_ID: SUB_A,
        RESTORE_ENABLED: 'true',
        RESTORE_ALLOWED_USERS: `teams:${carol.aadObjectId}`,
        SUPPORT_AGENTS: agents,
      },
      undefined,
      { ops: loopbackOps(arm).ops, scheduler: new SoonScheduler() },
    );
    const puts = () => arm?.count('flexible.put') ?? 0;

    await h.post(h.personal(h.alice, 'restore pg-orders'));
    await h.waitFor(() => h.sentTo(h.PERSONAL).length === 1);
    await h.post(h.click(h.alice, h.sentTo(h.PERSONAL)[0] as ConnectorCall, 'Use pg-orders-geo'));
    await h.waitFor(() => h.sentTo(h.PERSONAL).length === 2);
    await h.post(h.click(h.alice, h.sentTo(h.PERSONAL)[1] as ConnectorCall, 'Use rg-prod'));
    await h.waitFor(() => h.ticketCards().length === 1);
    expect(h.texts(h.sentTo(h.PERSONAL).at(-1))).toMatch(/asked the support team to approve it: ticket T-/);
    const card = h.ticketCards()[0] as ConnectorCall;
    expect(h.texts(card)).toContain('pg-orders → rg-prod/pg-orders-geo in westus');

    // The requester cannot approve their own restore, and an agent who may not start restores cannot either.
    await h.post(h.click(h.alice, card, 'Approve restore'));
    await h.waitFor(() => h.sentTo(h.SUPPORT).some((c) => /yourself/.test(h.texts(c))));
    await h.post(h.click(h.bob, card, 'Approve restore'));
    await h.waitFor(() =>
      h.sentTo(h.SUPPORT).some((c) => /You are not on RESTORE.*cannot approve/.test(h.texts(c))),
    );
    expect(puts()).toBe(0);

    await h.post(h.click(carol, card, 'Approve restore'));
    await h.waitFor(() => h.sentTo(h.PERSONAL).some((c) => h.texts(c).startsWith('Geo-restore complete')));
    expect(puts()).toBe(1);
    expect((await h.tickets())[0]).toMatchObject({
      state: 'resolved',
      resolution: 'approved',
      approval: { decision: { approved: true, by: { id: carol.aadObjectId } } },
    });
  });
});

describe('Teams: a channel thread', () => {
  it('stays silent while Bob owns the thread and answers again after "take over"', async () => {
    await h.start();
    const asked = h.mention(h.alice, h.CHANNEL, 'talk to a human');
    await h.post(asked);
    await h.waitFor(() => h.ticketCards().length === 1);
    const card = h.ticketCards()[0] as ConnectorCall;
    const claim = h.click(h.bob, card, 'Claim');
    await h.post(claim);
    const thread = `${h.CHANNEL};messageid=${asked.id}`;
    await h.waitFor(() => h.sentTo(thread).some((c) => h.texts(c).includes('has picked up')));
    const before = h.sentTo(thread).length;

    await h.post(h.mention(h.alice, h.CHANNEL, 'what is geo-redundant backup', asked.id));
    await h.logger.until('ticket.silent');
    expect(h.sentTo(thread)).toHaveLength(before);

    await h.post(h.mention(h.bob, h.CHANNEL, 'take over', asked.id));
    await h.waitFor(() => h.sentTo(thread).some((c) => h.texts(c).includes('handed this conversation back')));
    await h.post(h.mention(h.alice, h.CHANNEL, 'what is geo-redundant backup', asked.id));
    await h.waitFor(() => h.sentTo(thread).length === before + 2);
  });
});

describe('Teams: reminders', () => {
  it('mentions the configured on-call person in the ticket thread, from configuration only', async () => {
    const clock = new ManualClock(new Date().toISOString());
    await h.start(clock);
    await h.post(h.personal(h.alice, 'talk to a human <at>everyone</at>'));
    await h.logger.until('ticket.posted');
    clock.advance(16 * 60_000);

    expect(await h.bot.handoff?.reminders.tick()).toBe(1);

    const card = h.ticketCards()[0] as ConnectorCall;
    const reminder = h.sentTo(`${h.SUPPORT};messageid=${h.messageIdOf(card)}`)[0];
    const content = cardOf(reminder?.activity ?? {});
    expect(textsOf(content)[0]).toBe('<at>DB on-call</at>');
    expect(content.msteams).toMatchObject({
      entities: [
        { type: 'mention', text: '<at>DB on-call</at>', mentioned: { id: h.ONCALL, name: 'DB on-call' } },
      ],
    });
    expect(h.texts(reminder)).toMatch(/has waited 16 minutes without anyone claiming it/);
  });
});

describe('Teams: an agent desk', () => {
  it('emits handoff.initiate with the transcript and follows handoff.status to the end', async () => {
    await h.start(undefined, { SUPPORT_TEAMS_AGENT_HUB: 'true' });
    await h.post(h.personal(h.alice, 'how do I bake sourdough'));
    await h.waitFor(() => h.sentTo(h.PERSONAL).length === 1);
    await h.post(h.personal(h.alice, 'talk to a human'));
    const initiate = () =>
      h.connector.calls.find((c) => c.activity.type === 'event' && c.activity.name === 'handoff.initiate');
    await h.waitFor(() => initiate() !== undefined);

    const event = initiate()?.activity as {
      conversation: { id: string };
      value: { ticket: string; question: string };
      attachments: Array<{ name: string; content: { activities: Array<{ text: string }> } }>;
    };
    expect(initiate()?.conversationId).toBe(h.PERSONAL);
    expect(event.value).toMatchObject({
      ticket: expect.stringMatching(/^T-/),
      question: 'how do I bake sourdough',
    });
    expect(event.attachments[0]?.name).toBe('Transcript');
    expect(event.attachments[0]?.content.activities[0]?.text).toBe('how do I bake sourdough');

    const status = (state: string) =>
      h.activity(
        h.alice,
        { conversationType: 'personal', id: h.PERSONAL },
        {
          type: 'event',
          name: 'handoff.status',
          value: { state },
        },
      );
    await h.post(status('accepted'));
    await h.waitFor(() =>
      h.sentTo(h.PERSONAL).some((c) => h.texts(c).includes('has picked up your request')),
    );
    expect((await h.tickets())[0]).toMatchObject({ state: 'claimed', hub: { state: 'accepted' } });

    await h.post(status('completed'));
    await h.waitFor(() => h.sentTo(h.PERSONAL).some((c) => h.texts(c).includes('Did the support team')));
    expect((await h.tickets())[0]).toMatchObject({ state: 'resolved', hub: { state: 'completed' } });
  });
});
