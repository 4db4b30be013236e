import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../adapters/store/memory-store.js';
import { Actions } from '../../bot/model.js';
import type { Ticket } from '../../bot/ports/escalations.js';
import { silentLogger } from '../../bot/ports/logger.js';
import { handoffDialog } from '../../dialogs/handoff-dialog.js';
import { TicketService } from '../../dialogs/ticket-service.js';
import { button, createTestBot } from '../support/create-test-bot.js';
import { ManualClock, sequentialIds } from '../support/manual-clock.js';
import { RecordingMessenger } from '../support/recording-messenger.js';

function bot() {
  const store = new MemoryStore();
  const messenger = new RecordingMessenger();
  const tickets = new TicketService({
    store,
    messenger,
    clock: new ManualClock(),
    ids: sequentialIds('ticket'),
    logger: silentLogger,
    support: { agents: [{ channel: 'slack', id: 'UBOB' }], renotifyMinutes: 15 },
    supportAddresses: { slack: { channel: 'slack', conversationId: 'CSUPPORT' } },
  });
  const test = createTestBot({
    store,
    dialogs: [handoffDialog({ escalations: tickets, renotifyMinutes: 15 })],
    address: { channel: 'slack', conversationId: 'D1', direct: true },
  });
  const all = async () => (await store.list<Ticket>('ticket/t/')).map((r) => r.value);
  return { ...test, messenger, all };
}

describe('what hands a conversation to people', () => {
  it('a 👎 and then "I still need help" opens a ticket about the unhelpful answer', async () => {
    const { from, all } = bot();
    const [answer] = await from('U1').send('what is geo-redundant backup');
    const down = button(answer, '👎 Not helpful');
    const [sorry] = await from('U1').click(down.id, down.value);
    expect(sorry?.buttons?.map((b) => b.label)).toEqual(['I still need help']);

    const [told] = await from('U1').send('I still need help');

    expect(told).toMatchObject({ kind: 'handoff', summary: expect.stringMatching(/ticket T-/) });
    expect(await all()).toMatchObject([{ reason: 'unhelpful', question: 'what is geo-redundant backup' }]);
  });

  it('the offer after two misses carries the question and what the matcher considered', async () => {
    const { from, all } = bot();
    await from('U1').send('how do I bake sourdough bread');
    const [offer] = await from('U1').send('what is the capital of mongolia');
    const human = button(offer, Actions.human);

    await from('U1').click(human.id);

    const [ticket] = await all();
    expect(ticket).toMatchObject({
      reason: 'misses',
      question: 'what is the capital of mongolia',
      direct: true,
    });
    expect(ticket?.transcript.map((l) => l.text)).toContain('how do I bake sourdough bread');
  });

  it('a question answered after a miss replaces the missed one on the ticket', async () => {
    const { from, all } = bot();
    await from('U1').send('how do I bake sourdough bread');
    await from('U1').send('what is geo-redundant backup');

    await from('U1').send('talk to a human');

    expect((await all())[0]).toMatchObject({ reason: 'asked', question: 'what is geo-redundant backup' });
  });

  it('asking again while a ticket is open points to the same ticket', async () => {
    const { from, all, messenger } = bot();
    await from('U1').send('talk to a human');
    const [again] = await from('U1').send('get me a support engineer');

    expect(again?.summary).toMatch(/You already have a ticket with the support team/);
    expect(await all()).toHaveLength(1);
    expect(messenger.sent).toHaveLength(1);
  });
});
