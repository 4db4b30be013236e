import type { SupportConfig } from '../../bot/config/support.js';
import { listsUser } from '../../bot/config/user-list.js';
import { isBotError } from '../../bot/errors.js';
import type { Address, Channel, Reply } from '../../bot/model.js';
import type { Clock, Ids } from '../../bot/ports/clock.js';
import type { Escalations, NewTicket, Person, Ticket, TicketChange } from '../../bot/ports/escalations.js';
import type { TicketChangeKind, TicketRecorder } from '../../bot/ports/insights.js';
import type { Logger } from '../../bot/ports/logger.js';
import type { Messenger } from '../../bot/ports/messenger.js';
import type { Store } from '../../bot/ports/store.js';
import { ticketCard } from './ticket-card.js';
import {
  activeKey,
  activePointer,
  conversationKey,
  openKey,
  requesterKey,
  type TicketPointer,
  threadKey,
  ticketKey,
  ticketRef,
} from './ticket-keys.js';
import { claimedNotice, resolvedQuestion } from './ticket-notices.js';
import {
  answerStep,
  changeKindOf,
  claimStep,
  decideStep,
  feedbackStep,
  hubStep,
  reopenStep,
  resolveStep,
  type Step,
} from './ticket-transitions.js';
import { withName } from './with-name.js';

export interface TicketServiceDeps {
  store: Store;
  messenger: Messenger;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  support: Pick<SupportConfig, 'agents' | 'renotifyMinutes'>;
  /** The support channel of each platform, as an Address the messenger can post to. */
  supportAddresses: Partial<Record<Channel, Address>>;
  /** Told about every change (the Teams agent hub listens). */
  onOpened?: (ticket: Ticket) => Promise<void>;
  /** Told about every change for the insights; a failure is logged, the change stands. */
  recorder?: TicketRecorder;
}

const writeAttempts = 5;

/**
 * Tickets in the Store (`ticket/t/<id>` with indexes by conversation, support thread and "open"),
 * posted to the support channel as one message that every change edits in place. Every change is a
 * conditional write, so two clicks, two replicas or a click and a reminder never both win.
 */
export class TicketService implements Escalations {
  constructor(private readonly deps: TicketServiceDeps) {}

  isAgent(person: Person): boolean {
    return listsUser(this.deps.support.agents, person.channel, person.id);
  }

  supportFor(channel: Channel): Address | undefined {
    const own = this.deps.supportAddresses[channel];
    if (own) return own;
    return Object.values(this.deps.supportAddresses).find((a) => a !== undefined);
  }

  isSupportChannel(address: Address): boolean {
    return Object.values(this.deps.supportAddresses).some(
      (a) => a?.channel === address.channel && a.conversationId === address.conversationId,
    );
  }

  supportThread(ticket: Ticket): Address | undefined {
    return ticket.support ? this.deps.messenger.threadOf(ticket.support) : undefined;
  }

  async get(id: string): Promise<Ticket | undefined> {
    return (await this.deps.store.read<Ticket>(ticketKey(id)))?.value;
  }

  async activeFor(address: Address): Promise<Ticket | undefined> {
    const pointer = await this.deps.store.read<TicketPointer>(conversationKey(address));
    const ticket = pointer ? await this.get(pointer.value.id) : undefined;
    return ticket && ticket.state !== 'resolved' ? ticket : undefined;
  }

  async forSupportThread(address: Address): Promise<Ticket | undefined> {
    if (!address.threadId) return undefined;
    const pointer = await this.deps.store.read<TicketPointer>(threadKey(address));
    return pointer ? this.get(pointer.value.id) : undefined;
  }

  async open(asked: NewTicket): Promise<{ ticket: Ticket; existing: boolean }> {
    const existing = await this.activeFor(asked.address);
    if (existing) return { ticket: existing, existing: true };
    const request = { ...asked, requester: await this.named(asked.requester) };
    const now = this.deps.clock.now();
    const id = this.deps.ids.next();
    const ticket: Ticket = {
      id,
      ref: ticketRef(id),
      ...request,
      state: 'open',
      createdAt: now.toISOString(),
      nextReminderAt: this.nextReminder(now),
      reminders: 0,
      history: [{ at: now.toISOString(), what: 'opened', by: request.requester }],
    };
    const { store } = this.deps;
    await store.write(ticketKey(id), ticket, { ifAbsent: true });
    const pointer: TicketPointer = { id };
    try {
      await store.write(conversationKey(request.address), pointer, { ifAbsent: true });
    } catch (err) {
      if (!isBotError(err, 'store.conflict')) throw err;
      const raced = await this.activeFor(request.address);
      if (raced) {
        await store.delete(ticketKey(id));
        return { ticket: raced, existing: true };
      }
      await store.write(conversationKey(request.address), pointer);
    }
    await store.write(openKey(id), pointer);
    await store.write(activeKey(id), activePointer(ticket));
    await store.write(requesterKey(ticket.requester, id), pointer);
    this.deps.logger.info({ ticket: ticket.ref, reason: ticket.reason }, 'ticket.opened');
    await this.record('opened', ticket);
    const posted = (await this.post(ticket)) ?? ticket;
    await this.deps.onOpened?.(posted).catch((err: unknown) => {
      this.deps.logger.warn({ err, ticket: ticket.ref }, 'ticket.hub.failed');
    });
    return { ticket: posted, existing: false };
  }

  /** Posts the card when it has not been posted yet (a failed post is retried by the reminders). */
  async post(ticket: Ticket): Promise<Ticket | undefined> {
    if (ticket.support) return ticket;
    const target = this.supportFor(ticket.requester.channel);
    if (!target) return undefined;
    let sent: Awaited<ReturnType<Messenger['send']>>;
    try {
      sent = await this.deps.messenger.send(target, ticketCard(ticket));
    } catch (err) {
      this.deps.logger.warn({ err, ticket: ticket.ref }, 'ticket.post.failed');
      return undefined;
    }
    const thread = this.deps.messenger.threadOf(sent);
    await this.deps.store.write(threadKey(thread), { id: ticket.id } satisfies TicketPointer);
    const support = { address: sent.address, messageId: sent.messageId };
    const changed = await this.change(ticket.id, (t) => ({ ...t, support }), false);
    this.deps.logger.info({ ticket: ticket.ref }, 'ticket.posted');
    return changed.ok ? changed.ticket : undefined;
  }

  async claim(id: string, by: Person): Promise<TicketChange> {
    const agent = await this.named(by);
    const ok = this.isAgent(agent);
    return this.after(await this.change(id, (t) => claimStep(t, agent, ok, this.now())), 'claimed');
  }

  async resolve(id: string, by: Person, how: 'resolved' | 'handed-back' = 'resolved'): Promise<TicketChange> {
    const agent = await this.named(by);
    const ok = this.isAgent(agent);
    return this.after(await this.change(id, (t) => resolveStep(t, agent, ok, how, this.now())), how);
  }

  async reopen(id: string, who: Person): Promise<TicketChange> {
    const by = await this.named(who);
    const ok = this.isAgent(by);
    const next = this.nextReminder(this.deps.clock.now());
    return this.after(await this.change(id, (t) => reopenStep(t, by, ok, this.now(), next)), 'reopened');
  }

  async decide(id: string, by: Person, approved: boolean, runId?: string): Promise<TicketChange> {
    const agent = await this.named(by);
    const ok = this.isAgent(agent);
    const step = (t: Ticket) => decideStep(t, agent, ok, approved, this.now(), runId);
    return this.after(await this.change(id, step), 'decided');
  }

  async recordFeedback(id: string, who: Person, helpful: boolean): Promise<TicketChange> {
    const requester = await this.named(who);
    return this.after(
      await this.change(id, (t) => feedbackStep(t, requester, helpful, this.now())),
      'feedback',
    );
  }

  async recordAnswer(id: string, by: Person, text: string): Promise<void> {
    await this.change(id, (t) => answerStep(t, by, text, this.now()), false);
  }

  private async record(what: TicketChangeKind, t: Ticket): Promise<void> {
    try {
      await this.deps.recorder?.ticketChanged(what, t, this.deps.clock.now());
    } catch (err) {
      this.deps.logger.warn({ err, ticket: t.ref }, 'insights.unrecorded');
    }
  }

  /** Names a person the turn gave only by id, for the card and the history (see withName). */
  private named(person: Person): Promise<Person> {
    return withName(person, this.deps.messenger);
  }

  hubStatus(id: string, state: string, message?: string): Promise<TicketChange> {
    let what = 'hub';
    return this.change(id, (t) => {
      const step = hubStep(t, state, message, this.now());
      what = step.what;
      return step.ticket;
    }).then((r) => this.after(r, what));
  }

  /** Read, apply, write with the eTag; a conflict re-reads and re-applies. */
  async change(id: string, apply: (t: Ticket) => Step, refresh = true): Promise<TicketChange> {
    for (let attempt = 1; ; attempt++) {
      const doc = await this.deps.store.read<Ticket>(ticketKey(id));
      if (!doc) return { ok: false, reason: 'not-found' };
      const next = apply(doc.value);
      if (typeof next === 'string') return { ok: false, reason: next, ticket: doc.value };
      try {
        await this.deps.store.write(ticketKey(id), next, { eTag: doc.eTag });
      } catch (err) {
        if (!isBotError(err, 'store.conflict') || attempt >= writeAttempts) throw err;
        continue;
      }
      if (refresh) await this.refreshCard(next);
      return { ok: true, ticket: next };
    }
  }

  /** Indexes and the requester's notice after a change that went through. */
  private async after(result: TicketChange, what: string): Promise<TicketChange> {
    if (!result.ok) return result;
    const t = result.ticket;
    const { store } = this.deps;
    if (t.state === 'open') {
      await store.write(openKey(t.id), { id: t.id } satisfies TicketPointer);
      await store.write(conversationKey(t.address), { id: t.id } satisfies TicketPointer);
    } else {
      await store.delete(openKey(t.id));
    }
    if (t.state === 'resolved') await store.delete(activeKey(t.id));
    else await store.write(activeKey(t.id), activePointer(t));
    if (t.state === 'resolved') await store.delete(requesterKey(t.requester, t.id));
    else await store.write(requesterKey(t.requester, t.id), { id: t.id } satisfies TicketPointer);
    this.deps.logger.info({ ticket: t.ref, state: t.state, what }, 'ticket.changed');
    const kind = changeKindOf(t, what);
    if (kind) await this.record(kind, t);
    if (what === 'claimed') await this.tell(t, claimedNotice(t));
    if (what === 'resolved') await this.tell(t, resolvedQuestion(t));
    return result;
  }

  /** A proactive message to the requester; a failure is logged, the ticket change stands. */
  async tell(t: Ticket, reply: Reply): Promise<void> {
    try {
      await this.deps.messenger.send(t.address, reply);
    } catch (err) {
      this.deps.logger.warn({ err, ticket: t.ref }, 'ticket.notice.failed');
    }
  }

  async refresh(id: string): Promise<void> {
    const t = await this.get(id);
    if (t) await this.refreshCard(t);
  }

  private async refreshCard(t: Ticket): Promise<void> {
    if (!t.support) return;
    try {
      await this.deps.messenger.update(t.support, ticketCard(t));
    } catch (err) {
      this.deps.logger.warn({ err, ticket: t.ref }, 'ticket.card.updateFailed');
    }
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private nextReminder(now: Date): string {
    return new Date(now.getTime() + this.deps.support.renotifyMinutes * 60_000).toISOString();
  }
}
