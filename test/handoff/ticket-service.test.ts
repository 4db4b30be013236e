import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../adapters/store/memory-store.js';
import type { Address } from '../../bot/model.js';
import type { NewTicket, Person } from '../../bot/ports/escalations.js';
import { silentLogger } from '../../bot/ports/logger.js';
import type { Scheduler } from '../../bot/ports/scheduler.js';
import { ticketsOf } from '../../dialogs/handoff/requester-tickets.js';
import { TicketReminders } from '../../dialogs/handoff/ticket-reminders.js';
import { TicketService } from '../../dialogs/handoff/ticket-service.js';
import { ManualClock, sequentialIds } from '../support/manual-clock.js';
import { RecordingMessenger } from '../support/recording-messenger.js';

const SUPPORT: Address = { channel: 'slack', conversationId: 'CSUPPORT' };
const bob: Person = { channel: 'slack', id: 'UBOB', name: 'Bob' };
const carol: Person = { channel: 'slack', id: 'UCAROL' };
const dave: Person = { channel: 'slack', id: 'UDAVE' };
const held: Scheduler = { after: () => () => {} };

function setup() {
  const clock = new ManualClock();
  const store = new MemoryStore(clock);
  const messenger = new RecordingMessenger();
  const deps = {
    store,
    messenger,
    clock,
    logger: silentLogger,
    support: {
      agents: [bob, carol].map((p) => ({ channel: 'slack' as const, id: p.id })),
      renotifyMinutes: 15,
    },
    supportAddresses: { slack: SUPPORT },
  };
  const tickets = new TicketService({ ...deps, ids: sequentialIds('t') });
  /** Another replica over the same store and channel. */
  const replica = () => new TicketService({ ...deps, ids: sequentialIds('r') });
  const reminders = (service: TicketService) =>
    new TicketReminders({
      store,
      messenger,
      tickets: service,
      clock,
      logger: silentLogger,
      scheduler: held,
      renotifyMinutes: 15,
    });
  return { clock, store, messenger, tickets, replica, reminders };
}

const request = (over: Partial<NewTicket> = {}): NewTicket => ({
  reason: 'asked',
  requester: dave,
  address: { channel: 'slack', conversationId: 'D1', direct: true },
  direct: true,
  question: 'how do I restore <!channel>',
  considered: [{ id: 'how-to-geo-restore', title: 'How to geo-restore', score: 0.41 }],
  facts: [],
  transcript: [{ from: 'user', text: 'hello', at: '2026-01-10T12:00:00.000Z' }],
  ...over,
});

describe('tickets', () => {
  it('opens one ticket per conversation and posts one card to the support channel', async () => {
    const { tickets, messenger } = setup();
    const [a, b] = await Promise.all([tickets.open(request()), tickets.open(request())]);

    expect(a.ticket.id).toBe(b.ticket.id);
    expect([a.existing, b.existing].sort()).toEqual([false, true]);
    expect(messenger.sent.filter((s) => s.address.conversationId === 'CSUPPORT')).toHaveLength(1);
    expect(messenger.sent[0]?.reply.text).toContain('How to geo-restore (score 0.41)');
  });

  it('names people the turn gave only by id, asking the channel for them and for nobody else', async () => {
    const { tickets, messenger } = setup();
    messenger.names.set(dave.id, 'Dave Kim');
    messenger.names.set(carol.id, 'Carol Diaz');
    const { ticket } = await tickets.open(request());
    expect(ticket.requester).toEqual({ ...dave, name: 'Dave Kim' });
    expect(JSON.stringify(messenger.current(ticket.support?.messageId ?? ''))).toContain('Dave Kim (slack)');
    const claimed = await tickets.claim(ticket.id, carol);
    expect(claimed.ok && claimed.ticket.claimedBy).toEqual({ ...carol, name: 'Carol Diaz' });
    const resolved = await tickets.resolve(ticket.id, bob);
    expect(resolved.ok && resolved.ticket.resolvedBy).toEqual(bob);
    // Bob came with his name; an unknown name leaves the id, as before.
    expect(messenger.lookedUp).toEqual([dave.id, carol.id]);
  });

  it('lets exactly one of two concurrent claims, on two replicas, win', async () => {
    const { tickets, replica } = setup();
    const { ticket } = await tickets.open(request());

    const results = await Promise.all([tickets.claim(ticket.id, bob), replica().claim(ticket.id, carol)]);

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ reason: 'claimed-by-other' });
    expect((await tickets.get(ticket.id))?.history.filter((h) => h.what === 'claimed')).toHaveLength(1);
  });

  it('refuses people who are not support agents and changes nothing', async () => {
    const { tickets, messenger } = setup();
    const { ticket } = await tickets.open(request());

    expect(await tickets.claim(ticket.id, dave)).toMatchObject({ ok: false, reason: 'not-agent' });
    expect(await tickets.resolve(ticket.id, dave)).toMatchObject({ ok: false, reason: 'not-agent' });
    expect((await tickets.get(ticket.id))?.state).toBe('open');
    expect(messenger.updates).toHaveLength(0);
  });

  it('goes open → claimed → resolved → reopened, editing the one card in place each time', async () => {
    const { tickets, messenger } = setup();
    const { ticket } = await tickets.open(request());
    const card = messenger.sent[0]?.messageId ?? '';

    await tickets.claim(ticket.id, bob);
    await tickets.resolve(ticket.id, bob);
    expect(await tickets.activeFor(ticket.address)).toBeUndefined();
    const reopened = await tickets.reopen(ticket.id, dave);

    expect(reopened).toMatchObject({ ok: true, ticket: { state: 'open' } });
    expect((await tickets.activeFor(ticket.address))?.id).toBe(ticket.id);
    expect(messenger.updates.map((u) => u.messageId)).toEqual([card, card, card]);
    expect(messenger.current(card)?.buttons?.map((b) => b.label)).toEqual(['Claim', 'Resolve']);
    expect((await tickets.get(ticket.id))?.history.map((h) => h.what)).toEqual([
      'opened',
      'claimed',
      'resolved',
      'reopened',
    ]);
  });

  it('survives a support channel that is down: the ticket is kept and the card posted by the next reminder', async () => {
    const { tickets, messenger, clock, reminders } = setup();
    messenger.failSends = 1;
    const { ticket } = await tickets.open(request());
    expect(ticket.support).toBeUndefined();

    clock.advance(16 * 60_000);
    await reminders(tickets).tick();

    expect((await tickets.get(ticket.id))?.support?.messageId).toBeDefined();
    expect(messenger.sent.filter((s) => s.reply.title?.startsWith('Ticket '))).toHaveLength(1);
  });
});

describe('reminders on several replicas', () => {
  it('sends each due reminder once, however many replicas look at the same moment', async () => {
    const { tickets, replica, reminders, clock, messenger } = setup();
    await tickets.open(request());
    const isReminder = () => messenger.sent.filter((s) => s.reply.notify === 'oncall');

    clock.advance(15 * 60_000 + 1);
    const sent = await Promise.all([
      reminders(tickets).tick(),
      reminders(replica()).tick(),
      reminders(replica()).tick(),
    ]);

    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
    expect(isReminder()).toHaveLength(1);
    expect(isReminder()[0]?.address.threadId).toBe(messenger.sent[0]?.messageId);
  });

  it('does not remind about a claimed ticket', async () => {
    const { tickets, reminders, clock } = setup();
    const { ticket } = await tickets.open(request());
    await tickets.claim(ticket.id, bob);

    clock.advance(60 * 60_000);

    expect(await reminders(tickets).tick()).toBe(0);
  });

  it("lists a requester's tickets until they are resolved, for their home, and again once reopened", async () => {
    const { store, tickets } = setup();
    const { ticket } = await tickets.open(request());
    await tickets.open(request({ requester: carol, address: { channel: 'slack', conversationId: 'D2' } }));

    expect((await ticketsOf(store, dave)).map((t) => t.id)).toEqual([ticket.id]);
    await tickets.claim(ticket.id, bob);
    expect((await ticketsOf(store, dave)).map((t) => t.state)).toEqual(['claimed']);
    await tickets.resolve(ticket.id, bob);
    expect(await ticketsOf(store, dave)).toEqual([]);
    await tickets.reopen(ticket.id, dave);
    expect((await ticketsOf(store, dave)).map((t) => t.state)).toEqual(['open']);
  });
});
