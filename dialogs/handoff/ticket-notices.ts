import type { Reply } from '../../bot/model.js';
import type { Person, Ticket } from '../../bot/ports/escalations.js';
import { personName } from './ticket-card.js';

export const handoffActions = {
  request: 'human.request',
  feedback: 'human.feedback',
} as const;

/** What the requester is told when the ticket is opened: who comes, where, and what happens meanwhile. */
export function openedReply(t: Ticket, existing: boolean, renotifyMinutes: number): Reply {
  const where = t.direct
    ? 'A person from the support team will answer here. I will pass on what you write in this chat to them, and their answers to you, marked "From support".'
    : 'A person from the support team will answer in this thread. Once they pick it up I stay quiet here until they are done.';
  return {
    kind: 'handoff',
    summary: existing
      ? `You already have a ticket with the support team: ${t.ref}. They have your question.`
      : `I have asked the support team to help: ticket ${t.ref}.`,
    text: [
      where,
      `They see your question, what I found and our last messages, so you do not need to repeat yourself. If nobody has picked it up within ${renotifyMinutes} minutes I remind the on-call person.`,
    ].join('\n\n'),
  };
}

export function claimedNotice(t: Ticket): Reply {
  return {
    kind: 'handoff',
    text: t.direct
      ? `${personName(t.claimedBy)} from the support team has picked up your request (${t.ref}). Write here and I pass it on.`
      : `${personName(t.claimedBy)} from the support team has picked up your request (${t.ref}) and will answer in this thread. I stay quiet here until they are done.`,
  };
}

export function resolvedQuestion(t: Ticket): Reply {
  const value = (helpful: boolean) => ({ ticketId: t.id, helpful });
  return {
    kind: 'handoff',
    text: `${personName(t.resolvedBy)} marked your request ${t.ref} as resolved, and I am back to answer questions. Did the support team's answer help?`,
    buttons: [
      { id: handoffActions.feedback, label: 'Yes, it helped', value: value(true), style: 'primary' },
      { id: handoffActions.feedback, label: 'No, I still need help', value: value(false) },
    ],
  };
}

export function handedBackReply(t: Ticket): Reply {
  return {
    kind: 'info',
    text: `${personName(t.resolvedBy)} handed this conversation back to me (${t.ref}). Ask me anything about geo-restore, or type help.`,
  };
}

/** A requester's message in the support thread; the renderers escape the text. */
export function fromRequester(t: Ticket, text: string): Reply {
  return { kind: 'handoff', text: `From ${personName(t.requester)}: ${text}` };
}

export function fromSupport(agent: Person, text: string): Reply {
  return { kind: 'handoff', text: `From support (${personName(agent)}): ${text}` };
}
