import { type Activity, type CloudAdapter, EventFactory, type Transcript } from 'botbuilder';
import type { TeamsConfig } from '../../bot/config/teams.js';
import { BotError } from '../../bot/errors.js';
import type { Ticket } from '../../bot/ports/escalations.js';
import type { Logger } from '../../bot/ports/logger.js';
import { referenceOf } from './teams-messenger.js';

/**
 * The Bot Framework handoff protocol, for hosts that route conversations to an agent desk: a
 * `handoff.initiate` event with the ticket and the transcript, sent into the requester's conversation.
 * The desk answers with `handoff.status` events, which read-activity turns into a turn for the engine.
 */
export class TeamsAgentHub {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly config: TeamsConfig,
    private readonly log: Logger,
  ) {}

  async initiate(ticket: Ticket): Promise<void> {
    if (ticket.address.channel !== 'teams') return;
    const reference = referenceOf(ticket.address);
    const appId = this.config.mode === 'authenticated' ? this.config.appId : '';
    const handoffContext = {
      ticketId: ticket.id,
      ticket: ticket.ref,
      reason: ticket.reason,
      question: ticket.question,
      considered: ticket.considered,
      facts: ticket.facts,
    };
    try {
      await this.adapter.continueConversationAsync(appId, reference, async (context) => {
        const transcript: Transcript = {
          activities: ticket.transcript.map(
            (line) =>
              ({
                type: 'message',
                text: line.text,
                timestamp: new Date(line.at),
                from: line.from === 'bot' ? reference.bot : reference.user,
                conversation: reference.conversation,
              }) as Activity,
          ),
        };
        await context.sendActivity(EventFactory.createHandoffInitiation(context, handoffContext, transcript));
      });
      this.log.info({ ticket: ticket.ref }, 'teams.handoff.initiated');
    } catch (err) {
      throw new BotError('channel.failed', 'Teams did not accept the handoff.initiate event', { cause: err });
    }
  }
}
