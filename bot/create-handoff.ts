import { teamsSupportAddress } from '../adapters/teams/support-address.js';
import type { RestorePolicy } from '../dialogs/common/restore-policy.js';
import type { Dialog } from '../dialogs/engine/dialog.js';
import { handoffDialog } from '../dialogs/handoff/handoff-dialog.js';
import { type HandoffGate, handoffRelay, personOf } from '../dialogs/handoff/handoff-relay.js';
import { ticketActionsDialog } from '../dialogs/handoff/ticket-actions-dialog.js';
import { TicketReminders } from '../dialogs/handoff/ticket-reminders.js';
import { TicketService } from '../dialogs/handoff/ticket-service.js';
import { approveRestore } from '../dialogs/restore/restore-approval.js';
import type { RestoreQueue, Scheduler } from '../dialogs/restore/run/restore-runner.js';
import type { SupportConfig } from './config/support.js';
import type { Address, Channel } from './model.js';
import type { Clock, Ids } from './ports/clock.js';
import type { Ticket } from './ports/escalations.js';
import type { Logger } from './ports/logger.js';
import type { Messenger } from './ports/messenger.js';
import type { Store } from './ports/store.js';

export interface Handoff {
  tickets: TicketService;
  reminders: TicketReminders;
  dialogs: Dialog[];
  gate: HandoffGate;
}

/** Tickets, the dialogs that open and work them, the relay and the reminders, from the support config. */
export function createHandoff(deps: {
  support: SupportConfig;
  slackOn: boolean;
  store: Store;
  messenger: Messenger;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  scheduler: Scheduler;
  restore?: { policy: RestorePolicy; runner: RestoreQueue };
  onOpened?: (ticket: Ticket) => Promise<void>;
}): Handoff {
  const { support } = deps;
  const supportAddresses: Partial<Record<Channel, Address>> = {};
  if (support.slackChannelId && deps.slackOn)
    supportAddresses.slack = { channel: 'slack', conversationId: support.slackChannelId };
  if (support.teams) supportAddresses.teams = teamsSupportAddress(support.teams);
  const logger = deps.logger.child({ component: 'handoff' });
  const tickets = new TicketService({
    store: deps.store,
    messenger: deps.messenger,
    clock: deps.clock,
    ids: deps.ids,
    logger,
    support,
    supportAddresses,
    ...(deps.onOpened ? { onOpened: deps.onOpened } : {}),
  });
  const reminders = new TicketReminders({
    store: deps.store,
    messenger: deps.messenger,
    tickets,
    clock: deps.clock,
    logger,
    scheduler: deps.scheduler,
    renotifyMinutes: support.renotifyMinutes,
  });
  const restore = deps.restore;
  const dialogs: Dialog[] = [
    handoffDialog({ escalations: tickets, renotifyMinutes: support.renotifyMinutes }),
    ticketActionsDialog({
      escalations: tickets,
      ...(restore
        ? {
            approve: (ctx, ticket) =>
              approveRestore(
                ctx,
                { restore: restore.policy, runner: restore.runner },
                ticket,
                personOf(ctx.turn),
              ),
          }
        : {}),
    }),
  ];
  return {
    tickets,
    reminders,
    dialogs,
    gate: handoffRelay({ escalations: tickets, messenger: deps.messenger }),
  };
}
