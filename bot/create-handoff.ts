import { teamsSupportAddress } from '../adapters/teams/support-address.js';
import { personOf } from '../dialogs/common/person.js';
import type { RestorePolicy } from '../dialogs/common/restore-policy.js';
import type { Dialog, TurnGate } from '../dialogs/engine/dialog.js';
import {
  handoffDialog,
  handoffRelay,
  TicketReminders,
  TicketService,
  ticketActionsDialog,
} from '../dialogs/handoff/index.js';
import { approveRestore, type RestoreQueue } from '../dialogs/restore/index.js';
import type { SupportConfig } from './config/support.js';
import type { Address, Channel } from './model.js';
import type { Clock, Ids } from './ports/clock.js';
import type { Ticket } from './ports/escalations.js';
import type { TicketRecorder } from './ports/insights.js';
import type { Logger } from './ports/logger.js';
import type { Messenger } from './ports/messenger.js';
import type { Scheduler } from './ports/scheduler.js';
import type { Store } from './ports/store.js';

export interface Handoff {
  tickets: TicketService;
  reminders: TicketReminders;
  gate: TurnGate;
  renotifyMinutes: number;
}

/** Tickets, the relay and the reminders, from the support config: built before the features that open tickets. */
export function createHandoff(deps: {
  support: SupportConfig;
  slackOn: boolean;
  store: Store;
  messenger: Messenger;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  scheduler: Scheduler;
  onOpened?: (ticket: Ticket) => Promise<void>;
  recorder?: TicketRecorder;
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
    ...(deps.recorder ? { recorder: deps.recorder } : {}),
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
  return {
    tickets,
    reminders,
    gate: handoffRelay({ escalations: tickets, messenger: deps.messenger }),
    renotifyMinutes: support.renotifyMinutes,
  };
}

/** The dialogs that open and work tickets; with live restores, the Approve button starts one. */
export function handoffDialogs(
  handoff: Handoff,
  restore?: { policy: RestorePolicy; runner: RestoreQueue },
): Dialog[] {
  const { tickets } = handoff;
  return [
    handoffDialog({ escalations: tickets, renotifyMinutes: handoff.renotifyMinutes }),
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
}
