/** The handoff feature: tickets, the dialogs that open and work them, the relay and the reminders. */

export { conversationsOfActiveTickets, readTicket } from './active-tickets.js';
export { handoffDialog } from './handoff-dialog.js';
export { handoffRelay } from './handoff-relay.js';
export { noSupportChannelDialog } from './no-support-channel.js';
export { ticketsOf } from './requester-tickets.js';
export { type TicketActionsDeps, ticketActionsDialog } from './ticket-actions-dialog.js';
export { TicketReminders } from './ticket-reminders.js';
export { TicketService } from './ticket-service.js';
