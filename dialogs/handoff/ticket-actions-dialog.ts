import type { Reply } from '../../bot/model.js';
import type {
  ApprovalOutcome,
  ApprovalRequest,
  Escalations,
  Ticket,
  TicketRefusal,
} from '../../bot/ports/escalations.js';
import { stringField } from '../common/json-fields.js';
import { personOf } from '../common/person.js';
import { info } from '../common/replies.js';
import type { Dialog, DialogContext } from '../engine/dialog.js';
import { personName, ticketActions } from './ticket-card.js';

export interface TicketActionsDeps {
  escalations: Escalations;
  /** Starts an approved restore; undefined when live Azure is not configured. */
  approve?: (ctx: DialogContext, ticket: Ticket & { approval: ApprovalRequest }) => Promise<ApprovalOutcome>;
}

const personal = (text: string): Reply => ({ ...info(text), personal: true });

const refusals: Record<TicketRefusal, (t: Ticket | undefined) => string> = {
  'not-found': () => 'That ticket no longer exists.',
  'not-agent': () =>
    'Only the support team (SUPPORT_AGENTS) can work tickets, so nothing was changed. Ask an operator to add you.',
  'claimed-by-other': (t) => `${personName(t?.claimedBy)} has already claimed ${t?.ref}.`,
  'already-claimed': (t) => `You have already claimed ${t?.ref}.`,
  'already-resolved': (t) => `${t?.ref} is already closed.`,
  'not-resolved': (t) => `${t?.ref} is still open.`,
  'not-approval': (t) => `${t?.ref} is not an approval request.`,
  'self-approval': () => 'You cannot approve your own restore.',
};

const approvalRefusals: Record<Exclude<ApprovalOutcome, { ok: true }>['reason'], string> = {
  'writes-off': 'Restores are switched off (RESTORE_ENABLED), so nothing was started.',
  'not-allowed':
    'You are not on RESTORE_ALLOWED_USERS, so you cannot approve a restore. Nothing was started.',
  'self-approval':
    'You asked for this restore yourself; a second person has to approve it. Nothing was started.',
  expired: 'This request has expired; the requester has to ask again. Nothing was started.',
  used: 'This restore has already been started.',
  altered: 'The request does not match what was asked for, so nothing was started.',
  unknown: 'I can no longer find this request, so nothing was started.',
  duplicate: 'The same restore is already running, so nothing was started.',
};

/** The Claim / Resolve / Reopen / Approve / Decline buttons of a ticket card in the support channel. */
export function ticketActionsDialog(deps: TicketActionsDeps): Dialog {
  const esc = deps.escalations;
  return {
    id: 'ticket',
    actionPrefix: 'ticket.',
    begin: async () => [],
    async onAction(ctx, action) {
      const id = stringField(action.value, 'ticketId');
      if (!id) return [personal('That button no longer does anything.')];
      const me = personOf(ctx.turn);
      if (!esc.isAgent(me)) {
        await esc.refresh(id);
        return [personal(refusals['not-agent'](undefined))];
      }
      const said = async (r: Awaited<ReturnType<Escalations['claim']>>, ok: (t: Ticket) => string) => {
        if (r.ok) return [personal(ok(r.ticket))];
        await esc.refresh(id);
        return [personal(refusals[r.reason](r.ticket))];
      };
      switch (action.id) {
        case ticketActions.claim:
          return said(await esc.claim(id, me), (t) =>
            t.direct
              ? `You claimed ${t.ref}. Write in this ticket's thread and I pass it on to ${personName(t.requester)}; their messages appear there.`
              : `You claimed ${t.ref}. Answer ${personName(t.requester)} in their thread; I stay quiet there until you resolve it or say "take over" to me.`,
          );
        case ticketActions.resolve:
          return said(
            await esc.resolve(id, me),
            (t) => `You resolved ${t.ref}. I asked ${personName(t.requester)} whether it helped.`,
          );
        case ticketActions.reopen:
          return said(await esc.reopen(id, me), (t) => `You reopened ${t.ref}.`);
        case ticketActions.decline:
          return decide(ctx, id, false);
        case ticketActions.approve:
          return decide(ctx, id, true);
      }
      return [personal('That button no longer does anything.')];
    },
  };

  async function decide(ctx: DialogContext, id: string, approved: boolean): Promise<Reply[]> {
    const me = personOf(ctx.turn);
    const ticket = await esc.get(id);
    const closed = !ticket?.approval || ticket.approval.decision || ticket.state === 'resolved';
    if (closed) await esc.refresh(id);
    if (!ticket?.approval) return [personal(refusals['not-approval'](ticket))];
    if (closed) return [personal(refusals['already-resolved'](ticket))];
    const withApproval = ticket as Ticket & { approval: ApprovalRequest };
    if (!approved) {
      const declined = await esc.decide(id, me, false);
      if (!declined.ok) return [personal(refusals[declined.reason](declined.ticket))];
      await esc.tell(
        declined.ticket,
        info(
          `${personName(me)} from the support team declined your geo-restore request ${ticket.ref}. Nothing was started.`,
        ),
      );
      return [personal(`You declined ${ticket.ref}. Nothing was started.`)];
    }
    if (!deps.approve) return [personal('Live Azure is not configured here, so nothing can be started.')];
    const outcome = await deps.approve(ctx, withApproval);
    if (!outcome.ok) {
      await esc.refresh(id);
      return [personal(approvalRefusals[outcome.reason])];
    }
    const decided = await esc.decide(id, me, true, outcome.runId);
    if (decided.ok)
      await esc.tell(
        decided.ticket,
        info(
          `${personName(me)} from the support team approved your geo-restore request ${ticket.ref}. It has started; I post its progress here.`,
        ),
      );
    return [
      personal(
        `You approved ${ticket.ref}; the geo-restore has started and its progress goes to ${personName(ticket.requester)}.`,
      ),
    ];
  }
}
