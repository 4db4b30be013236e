import { Actions, isJsonObject, type Json, type Reply } from '../../bot/model.js';
import type { Escalations, TicketReason } from '../../bot/ports/escalations.js';
import { personOf } from '../common/person.js';
import { humanButton, info, staleButtonReply } from '../common/replies.js';
import { transcriptLength } from '../engine/conversation-state.js';
import type { Dialog, DialogContext } from '../engine/dialog.js';
import { handoffActions, openedReply } from './ticket-notices.js';

export interface HandoffDialogDeps {
  escalations: Escalations;
  renotifyMinutes: number;
}

export const handoffDialogId = 'human';

/**
 * Opens a ticket from the conversation: the question, what the bot considered, the last check and turns.
 * `fromMessage` is a message someone chose to hand over ("Open a support ticket" on it): that message
 * is the question, and what the bot considered or checked for earlier questions does not belong to it.
 */
export async function openTicket(
  ctx: DialogContext,
  deps: HandoffDialogDeps,
  reason: TicketReason,
  fromMessage?: string,
): Promise<Reply[]> {
  const { state, turn } = ctx;
  const miss = fromMessage === undefined ? state.lastMiss : undefined;
  const lastAsked = [...state.transcript].reverse().find((l) => l.from === 'user' && !l.text.startsWith('['));
  const question =
    fromMessage ?? (reason !== 'unhelpful' && miss ? miss.question : (lastAsked?.text ?? turn.text));
  // The entry whose answer did not help; a ticket after misses is about no entry.
  const topic = reason === 'unhelpful' ? state.lastUnhelpful : undefined;
  const considered = (miss?.considered ?? []).map((c) => ({ id: c.id, score: c.score }));
  ctx.outcome = { kind: 'ask', outcome: 'handoff', text: question, ...(topic ? { topic } : {}), considered };
  const { ticket, existing } = await deps.escalations.open({
    reason,
    requester: personOf(turn),
    address: turn.address,
    direct: turn.address.direct === true,
    question,
    considered: miss?.considered ?? [],
    facts: fromMessage === undefined ? (state.lastCheck?.facts ?? []) : [],
    transcript: state.transcript.slice(-transcriptLength),
  });
  delete state.active;
  delete state.lastUnhelpful;
  delete state.lastMiss;
  state.misses = 0;
  ctx.log.info({ ticket: ticket.ref, reason, existing }, 'handoff.opened');
  return [openedReply(ticket, existing, deps.renotifyMinutes)];
}

/** An agent desk's handoff.status for the ticket of this conversation; nothing is said to anyone here. */
async function hubStatus(
  ctx: DialogContext,
  deps: HandoffDialogDeps,
  value: Json | undefined,
): Promise<Reply[]> {
  if (!isJsonObject(value) || typeof value.state !== 'string') return [];
  const ticket = await deps.escalations.activeFor(ctx.turn.address);
  if (!ticket) {
    ctx.log.info({ state: value.state }, 'handoff.hubStatus.noTicket');
    return [];
  }
  const message = typeof value.message === 'string' ? value.message : undefined;
  await deps.escalations.hubStatus(ticket.id, value.state, message);
  return [];
}

/**
 * "Talk to a person" in any phrasing the matcher routes to `human`, the button on no-match and failure
 * replies, and "I still need help" after a 👎. Also the requester's "did it help?" after resolution.
 */
export function handoffDialog(deps: HandoffDialogDeps): Dialog {
  const reasonOf = (ctx: DialogContext): TicketReason =>
    typeof ctx.state.lastUnhelpful === 'string' ? 'unhelpful' : ctx.state.misses >= 2 ? 'misses' : 'asked';
  return {
    id: handoffDialogId,
    intents: ['human'],
    actionPrefix: 'human.',
    begin: (ctx) => openTicket(ctx, deps, reasonOf(ctx)),
    async onAction(ctx, action) {
      if (action.id === handoffActions.request) return openTicket(ctx, deps, reasonOf(ctx));
      if (action.id === Actions.ticketForMessage && ctx.turn.text !== '')
        return openTicket(ctx, deps, 'asked', ctx.turn.text);
      if (action.id === Actions.hubStatus) return hubStatus(ctx, deps, action.value);
      if (action.id !== handoffActions.feedback || !isJsonObject(action.value)) return [staleButtonReply()];
      const { ticketId, helpful } = action.value;
      if (typeof ticketId !== 'string' || typeof helpful !== 'boolean')
        return [info('I could not read that answer.')];
      const me = personOf(ctx.turn);
      const recorded = await deps.escalations.recordFeedback(ticketId, me, helpful);
      if (!recorded.ok)
        return [
          info(
            recorded.reason === 'not-agent'
              ? 'Only the person who asked can answer that.'
              : 'You already answered that one. Thank you!',
          ),
        ];
      if (helpful) return [info('Thank you! Glad the support team could help.')];
      const reopened = await deps.escalations.reopen(ticketId, me);
      if (reopened.ok)
        return [
          info(
            `Sorry to hear that. I reopened ${reopened.ticket.ref}; the support team will come back to you here.`,
          ),
        ];
      return [info('Sorry to hear that. I can bring in a person again.', [humanButton])];
    },
  };
}
