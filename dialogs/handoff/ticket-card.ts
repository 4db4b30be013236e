import type { Button, Fact, Reply } from '../../bot/model.js';
import type { Person, Ticket, TicketReason } from '../../bot/ports/escalations.js';

export const ticketActions = {
  claim: 'ticket.claim',
  resolve: 'ticket.resolve',
  reopen: 'ticket.reopen',
  approve: 'ticket.approve',
  decline: 'ticket.decline',
} as const;

const reasons: Record<TicketReason, string> = {
  asked: 'asked for a person',
  misses: 'asked for a person after two questions the bot could not answer',
  unhelpful: 'still needed help after an answer that did not help',
  'azure-failed': 'a live Azure operation failed',
  approval: 'asks for approval of a geo-restore they may not start themselves',
};

const stateLabels: Record<Ticket['state'], string> = {
  open: 'open, waiting for someone',
  claimed: 'claimed',
  resolved: 'resolved',
};

export const personName = (p: Person | undefined) => (p ? (p.name ?? p.id) : 'someone');

const transcriptLines = 8;

/**
 * The ticket as one support-channel message, edited in place as it changes: everything a person needs
 * to take over at a glance. All of it is plain text; the channel renderers escape it.
 */
export function ticketCard(t: Ticket): Reply {
  const facts: Fact[] = [
    { label: 'From', value: `${personName(t.requester)} (${t.requester.channel})` },
    { label: 'State', value: stateLabels[t.state], status: t.state === 'open' ? 'warn' : 'info' },
    { label: 'Chat', value: t.direct ? 'one-to-one with the bot (messages are relayed)' : 'channel thread' },
    { label: 'Opened', value: t.createdAt },
  ];
  if (t.claimedBy) facts.push({ label: 'Claimed by', value: `${personName(t.claimedBy)} at ${t.claimedAt}` });
  if (t.resolvedBy)
    facts.push({
      label: 'Closed by',
      value: `${personName(t.resolvedBy)} at ${t.resolvedAt} (${t.resolution})`,
    });
  if (t.feedback)
    facts.push({ label: 'Requester says', value: t.feedback.helpful ? 'it helped' : 'it did not help' });
  if (t.hub) facts.push({ label: 'Agent hub', value: t.hub.state });

  const text: string[] = [`Question: ${t.question || '(none typed)'}`];
  if (t.approval) {
    const a = t.approval;
    text.push(`Restore requested: ${a.server} → ${a.target} in ${a.region}.`);
    if (a.decision)
      text.push(
        `${a.decision.approved ? 'Approved' : 'Declined'} by ${personName(a.decision.by)} at ${a.decision.at}.`,
      );
  }
  if (t.considered.length > 0)
    text.push(
      [
        'Answers the bot considered:',
        ...t.considered.map((c) => `- ${c.title ?? c.id} (score ${c.score.toFixed(2)})`),
      ].join('\n'),
    );
  if (t.facts.length > 0)
    text.push(['Server check:', ...t.facts.map((f) => `- ${f.label}: ${f.value}`)].join('\n'));
  const recent = t.transcript.slice(-transcriptLines);
  if (recent.length > 0)
    text.push(
      ['Last turns:', ...recent.map((l) => `- ${l.from === 'user' ? 'user' : 'bot'}: ${l.text}`)].join('\n'),
    );

  return {
    kind: 'handoff',
    title: `Ticket ${t.ref}`,
    summary: `${personName(t.requester)} ${reasons[t.reason]}.`,
    text: text.join('\n\n'),
    facts,
    buttons: buttonsFor(t),
  };
}

function buttonsFor(t: Ticket): Button[] {
  const value = { ticketId: t.id };
  // A decided approval cannot be reopened: its confirmation is spent; the requester asks again.
  if (t.state === 'resolved') return t.approval ? [] : [{ id: ticketActions.reopen, label: 'Reopen', value }];
  const buttons: Button[] = [];
  if (t.approval && !t.approval.decision) {
    buttons.push({ id: ticketActions.approve, label: 'Approve restore', value, style: 'primary' });
    buttons.push({ id: ticketActions.decline, label: 'Decline', value, style: 'danger' });
  }
  if (t.state === 'open') buttons.push({ id: ticketActions.claim, label: 'Claim', value, style: 'primary' });
  buttons.push({ id: ticketActions.resolve, label: 'Resolve', value });
  return buttons;
}

/** The reminder posted into the ticket's thread, pinging the configured on-call person or group. */
export function reminderReply(t: Ticket, minutes: number): Reply {
  return {
    kind: 'handoff',
    text: `Ticket ${t.ref} has waited ${minutes} minutes without anyone claiming it. ${personName(t.requester)} ${reasons[t.reason]}.`,
    notify: 'oncall',
  };
}
