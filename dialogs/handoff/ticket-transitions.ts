import type { Person, Ticket, TicketRefusal } from '../../bot/ports/escalations.js';
import type { TicketChangeKind } from '../../bot/ports/insights.js';

/**
 * The ticket's state machine as pure functions, open → claimed → resolved (and reopened): each returns
 * the next ticket or why not. TicketService applies them with a conditional write.
 */
export type Step = Ticket | TicketRefusal;

const samePerson = (a: Person, b: Person) => a.channel === b.channel && a.id === b.id;

export function claimStep(t: Ticket, agent: Person, isAgent: boolean, at: string): Step {
  if (!isAgent) return 'not-agent';
  if (t.state === 'resolved') return 'already-resolved';
  if (t.state === 'claimed') return t.claimedBy?.id === agent.id ? 'already-claimed' : 'claimed-by-other';
  const { nextReminderAt: _unclaimedOnly, ...rest } = t;
  return {
    ...rest,
    state: 'claimed',
    claimedBy: agent,
    claimedAt: at,
    history: [...t.history, { at, what: 'claimed', by: agent }],
  };
}

export function closeStep(t: Ticket, by: Person, how: NonNullable<Ticket['resolution']>, at: string): Ticket {
  const { nextReminderAt: _unclaimedOnly, ...rest } = t;
  return {
    ...rest,
    state: 'resolved',
    resolvedBy: by,
    resolvedAt: at,
    resolution: how,
    history: [...t.history, { at, what: how, by }],
  };
}

export function resolveStep(
  t: Ticket,
  agent: Person,
  isAgent: boolean,
  how: 'resolved' | 'handed-back',
  at: string,
): Step {
  if (!isAgent) return 'not-agent';
  if (t.state === 'resolved') return 'already-resolved';
  return closeStep(t, agent, how, at);
}

/** The requester or an agent; a decided approval stays closed (its confirmation is spent). */
export function reopenStep(
  t: Ticket,
  by: Person,
  isAgent: boolean,
  at: string,
  nextReminderAt: string,
): Step {
  if (!samePerson(by, t.requester) && !isAgent) return 'not-agent';
  if (t.state !== 'resolved') return 'not-resolved';
  if (t.approval) return 'not-approval';
  const { claimedBy, claimedAt, resolvedBy, resolvedAt, resolution, ...rest } = t;
  return { ...rest, state: 'open', nextReminderAt, history: [...t.history, { at, what: 'reopened', by }] };
}

export function decideStep(
  t: Ticket,
  agent: Person,
  isAgent: boolean,
  approved: boolean,
  at: string,
  runId?: string,
): Step {
  if (!isAgent) return 'not-agent';
  if (!t.approval) return 'not-approval';
  if (t.approval.decision || t.state === 'resolved') return 'already-resolved';
  const decision = { approved, by: agent, at, ...(runId ? { runId } : {}) };
  return closeStep(
    { ...t, approval: { ...t.approval, decision } },
    agent,
    approved ? 'approved' : 'declined',
    at,
  );
}

export function feedbackStep(t: Ticket, requester: Person, helpful: boolean, at: string): Step {
  if (!samePerson(requester, t.requester)) return 'not-agent';
  if (t.state !== 'resolved') return 'not-resolved';
  if (t.feedback) return 'already-resolved';
  return { ...t, feedback: { helpful, at } };
}

const desk: Person = { channel: 'teams', id: 'agent-hub', name: 'the agent desk' };

/**
 * A status from an agent desk (Teams handoff.status): `accepted` claims the ticket for the desk,
 * `completed` resolves it, anything else (`failed`) is recorded and leaves it to the support channel.
 */
export function hubStep(t: Ticket, state: string, message: string | undefined, at: string) {
  const noted: Ticket = {
    ...t,
    hub: { state, at, ...(message ? { message: message.slice(0, 500) } : {}) },
    history: [...t.history, { at, what: `hub ${state}` }],
  };
  if (state === 'accepted' && t.state === 'open') {
    const { nextReminderAt: _unclaimedOnly, ...rest } = noted;
    return {
      ticket: { ...rest, state: 'claimed', claimedBy: desk, claimedAt: at } as Ticket,
      what: 'claimed',
    };
  }
  if (state === 'completed' && t.state !== 'resolved')
    return { ticket: closeStep(noted, desk, 'resolved', at), what: 'resolved' };
  return { ticket: noted, what: 'hub' };
}

/** Keeps what a support person wrote to the requester: the last five lines, each cut to 1,000 characters. */
export function answerStep(t: Ticket, by: Person, text: string, at: string): Ticket {
  return { ...t, answers: [...(t.answers ?? []), { at, by, text: text.slice(0, 1000) }].slice(-5) };
}

const recorded: Record<string, TicketChangeKind> = {
  claimed: 'claimed',
  resolved: 'resolved',
  'handed-back': 'resolved',
  reopened: 'reopened',
};

/** What a change means for the insights: a decided approval closes its ticket too. */
export function changeKindOf(t: Ticket, what: string): TicketChangeKind | undefined {
  return t.state === 'resolved' && what === 'decided' ? 'resolved' : recorded[what];
}
