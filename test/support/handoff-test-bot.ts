import { MemoryStore } from '../../adapters/store/memory-store.js';
import type { Ticket } from '../../bot/ports/escalations.js';
import { silentLogger } from '../../bot/ports/logger.js';
import { handoffDialog } from '../../dialogs/handoff/handoff-dialog.js';
import { ticketActionsDialog } from '../../dialogs/handoff/ticket-actions-dialog.js';
import { TicketService } from '../../dialogs/handoff/ticket-service.js';
import { createTestBot } from './create-test-bot.js';
import { ManualClock, sequentialIds } from './manual-clock.js';
import { RecordingMessenger } from './recording-messenger.js';

/**
 * createTestBot with the real handoff and ticket dialogs over a real TicketService: a DM with the bot,
 * UBOB on the support team, and a recording messenger standing in for the channels.
 */
export function createHandoffTestBot() {
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
  const bot = createTestBot({
    store,
    dialogs: [
      handoffDialog({ escalations: tickets, renotifyMinutes: 15 }),
      ticketActionsDialog({ escalations: tickets }),
    ],
    address: { channel: 'slack', conversationId: 'D1', direct: true },
  });
  const all = async () => (await store.list<Ticket>('ticket/t/')).map((r) => r.value);
  return { ...bot, messenger, tickets, all };
}
