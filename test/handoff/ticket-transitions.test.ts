import { describe, expect, it } from 'vitest';
import type { Person, Ticket } from '../../bot/ports/escalations.js';
import { claimStep, decideStep, hubStep, reopenStep } from '../../dialogs/handoff/ticket-transitions.js';

const at = '2026-01-10T12:00:00.000Z';
const bob: Person = { channel: 'slack', id: 'UBOB' };
const dave: Person = { channel: 'slack', id: 'UDAVE' };
const open: Ticket = {
  id: 't1',
  ref: 'T-T1',
  reason: 'asked',
  state: 'open',
  requester: dave,
  address: { channel: 'slack', conversationId: 'D1' },
  direct: true,
  question: 'q',
  considered: [],
  facts: [],
  transcript: [],
  createdAt: at,
  nextReminderAt: at,
  reminders: 0,
  history: [],
};

describe('ticket transitions', () => {
  it('a claim stops the reminders', () => {
    const claimed = claimStep(open, bob, true, at);
    expect(claimed).toMatchObject({ state: 'claimed', claimedBy: bob });
    expect(claimed).not.toHaveProperty('nextReminderAt');
  });

  it('an agent desk that failed leaves the ticket open for the support channel, and records why', () => {
    const { ticket, what } = hubStep(open, 'failed', 'no agents online', at);
    expect(what).toBe('hub');
    expect(ticket).toMatchObject({ state: 'open', hub: { state: 'failed', message: 'no agents online' } });
  });

  it('only approval tickets take a decision, once', () => {
    expect(decideStep(open, bob, true, true, at)).toBe('not-approval');
    const approval = { ...open, approval: { nonce: 'n', hash: 'h', server: 's', target: 't', region: 'r' } };
    const decided = decideStep(approval, bob, true, false, at);
    expect(decided).toMatchObject({ state: 'resolved', resolution: 'declined' });
    expect(decideStep(decided as Ticket, bob, true, true, at)).toBe('already-resolved');
    expect(reopenStep(decided as Ticket, bob, true, at, at)).toBe('not-approval');
  });

  it('someone who is neither the requester nor an agent cannot reopen', () => {
    const resolved = { ...open, state: 'resolved' as const };
    expect(reopenStep(resolved, { channel: 'slack', id: 'UEVE' }, false, at, at)).toBe('not-agent');
    expect(reopenStep(resolved, dave, false, at, at)).toMatchObject({ state: 'open' });
  });
});
