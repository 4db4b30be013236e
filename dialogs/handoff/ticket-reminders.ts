import { isBotError } from '../../bot/errors.js';
import type { Clock } from '../../bot/ports/clock.js';
import type { Ticket } from '../../bot/ports/escalations.js';
import type { Logger } from '../../bot/ports/logger.js';
import type { Messenger } from '../../bot/ports/messenger.js';
import type { Scheduler } from '../../bot/ports/scheduler.js';
import type { Store } from '../../bot/ports/store.js';
import { reminderReply } from './ticket-card.js';
import { openPrefix, type TicketPointer, ticketKey } from './ticket-keys.js';
import type { TicketService } from './ticket-service.js';

export interface TicketRemindersDeps {
  store: Store;
  messenger: Messenger;
  tickets: TicketService;
  clock: Clock;
  logger: Logger;
  scheduler: Scheduler;
  renotifyMinutes: number;
  /** How often due reminders are looked for (default: a minute, or the renotify time if shorter). */
  everyMs?: number;
}

/**
 * Re-notifies unclaimed tickets. Each reminder is first claimed by moving the ticket's
 * `nextReminderAt` forward with a conditional write, so of several replicas exactly one sends it.
 * A ticket whose card never reached the support channel is posted again instead.
 */
export class TicketReminders {
  private cancel: (() => void) | undefined;
  private running: Promise<number> | undefined;
  private stopped = true;

  constructor(private readonly deps: TicketRemindersDeps) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.cancel?.();
    this.cancel = undefined;
  }

  /** Sends every reminder that is due now; returns how many this replica sent. */
  tick(): Promise<number> {
    this.running ??= this.sweep().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    const every = this.deps.everyMs ?? Math.min(60_000, this.deps.renotifyMinutes * 60_000);
    this.cancel = this.deps.scheduler.after(every, () => {
      void this.tick()
        .catch((err: unknown) => this.deps.logger.error({ err }, 'ticket.reminders.failed'))
        .finally(() => this.schedule());
    });
  }

  private async sweep(): Promise<number> {
    const now = this.deps.clock.now();
    let sent = 0;
    for (const { value } of await this.deps.store.list<TicketPointer>(openPrefix)) {
      const doc = await this.deps.store.read<Ticket>(ticketKey(value.id));
      const t = doc?.value;
      if (!doc || !t || t.state !== 'open' || !t.nextReminderAt) continue;
      if (Date.parse(t.nextReminderAt) > now.getTime()) continue;
      const next: Ticket = {
        ...t,
        reminders: t.reminders + 1,
        nextReminderAt: new Date(now.getTime() + this.deps.renotifyMinutes * 60_000).toISOString(),
      };
      try {
        await this.deps.store.write(ticketKey(t.id), next, { eTag: doc.eTag });
      } catch (err) {
        if (isBotError(err, 'store.conflict')) continue;
        throw err;
      }
      if (await this.remind(next)) sent += 1;
    }
    return sent;
  }

  private async remind(t: Ticket): Promise<boolean> {
    const waited = Math.round((this.deps.clock.now().getTime() - Date.parse(t.createdAt)) / 60_000);
    try {
      if (!t.support) {
        await this.deps.tickets.post(t);
        return false;
      }
      await this.deps.messenger.send(this.deps.messenger.threadOf(t.support), reminderReply(t, waited));
      this.deps.logger.info({ ticket: t.ref, reminders: t.reminders }, 'ticket.reminded');
      return true;
    } catch (err) {
      this.deps.logger.warn({ err, ticket: t.ref }, 'ticket.remind.failed');
      return false;
    }
  }
}
