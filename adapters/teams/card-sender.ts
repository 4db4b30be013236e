import type { Activity, Entity, TurnContext } from 'botbuilder';
import { Actions, type Json, type Reply } from '../../bot/model.js';
import type { Ids } from '../../bot/ports/clock.js';
import type { Logger } from '../../bot/ports/logger.js';
import type { CardLedger, CardRenderer } from './card-ledger.js';
import { plainLabel } from './card-text.js';
import { type RetryPolicy, withRetry } from './connector-retry.js';
import { CARD_CONTENT_TYPE, citedLinks, type JsonObject } from './render-card.js';

export interface CardSenderDeps {
  ledger: CardLedger;
  ids: Ids;
  retry: RetryPolicy;
  log: Logger;
  /**
   * Use the Teams feedback loop (native 👍/👎 under the message, answered by a `message/submitAction`
   * invoke) instead of the card's own feedback buttons.
   */
  feedbackLoop: boolean;
  /** Renders replies as cards; the ledger renders a clicked card again with the same function. */
  render: CardRenderer;
}

/** Sends and edits reply cards in the conversation of a turn context (inbound or proactive). */
export class CardSender {
  constructor(private readonly deps: CardSenderDeps) {}

  /** Returns the id of the new message. `conversationId` is the turn's, without a reply chain's `;messageid=`. */
  async send(context: TurnContext, conversationId: string, reply: Reply): Promise<string> {
    const { activity, cardId, loop } = await this.prepare(conversationId, reply);
    const response = await withRetry(
      () => context.sendActivity(activity),
      this.deps.retry,
      this.deps.log,
      'send',
    );
    const messageId = response?.id ?? '';
    if (loop && messageId) await this.deps.ledger.linkMessage(messageId, cardId);
    return messageId;
  }

  async update(context: TurnContext, conversationId: string, messageId: string, reply: Reply): Promise<void> {
    const { activity } = await this.prepare(conversationId, reply);
    await this.replace(context, messageId, activity);
  }

  /** Puts a card in place of an existing message (a spent card after a click, a progress update). */
  async replaceCard(context: TurnContext, messageId: string, card: JsonObject): Promise<void> {
    await this.replace(context, messageId, cardActivity(card));
  }

  private async replace(context: TurnContext, messageId: string, activity: Partial<Activity>): Promise<void> {
    await withRetry(
      () => context.updateActivity({ ...activity, id: messageId }),
      this.deps.retry,
      this.deps.log,
      'update',
    );
  }

  private async prepare(conversationId: string, reply: Reply) {
    const cardId = this.deps.ids.next();
    const feedback = reply.buttons?.find((b) => b.id === Actions.feedback);
    const loop = this.deps.feedbackLoop && feedback !== undefined;
    const shown: Reply = loop
      ? { ...reply, buttons: (reply.buttons ?? []).filter((b) => b.id !== Actions.feedback) }
      : reply;
    const rendered = this.deps.render(shown, cardId);
    const feedbackValue = feedback ? withoutHelpful(feedback.value) : undefined;
    if (rendered.labels.length > 0 || loop)
      await this.deps.ledger.remember(cardId, shown, conversationId, feedbackValue);
    const activity = cardActivity(rendered.card, summaryOf(reply));
    // `feedbackLoop` is what the Bot Framework SDK is told to send today; `feedbackLoopEnabled` is the
    // older form the Teams AI library sends, kept for clients that read only that.
    if (loop) activity.channelData = { feedbackLoop: { type: 'default' }, feedbackLoopEnabled: true };
    const citations = citationsOf(reply);
    if (citations) activity.entities = [citations];
    return { activity, cardId, loop };
  }
}

export function cardActivity(card: JsonObject, summary?: string): Partial<Activity> {
  return {
    type: 'message',
    ...(summary ? { summary } : {}),
    attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }],
  };
}

/**
 * An answer's sources as Teams citations (the message entity of "bot messages with AI-generated
 * content"): one per link, numbered as the card's `[1]` … (render-card.ts), each with its title, URL
 * and host. No AI label: the answers are written by people, the entity only carries the citations.
 */
function citationsOf(reply: Reply): Entity | undefined {
  if (reply.kind !== 'answer') return undefined;
  const links = citedLinks(reply);
  if (links.length === 0) return undefined;
  return {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    citation: links.map((link, i) => ({
      '@type': 'Claim',
      position: i + 1,
      appearance: {
        '@type': 'DigitalDocument',
        name: plainLabel(link.title, 80),
        url: link.url,
        abstract: plainLabel(`${new URL(link.url).hostname}: ${link.title}`, 160),
      },
    })),
  };
}

/** The notification preview: plain text, short. */
function summaryOf(reply: Reply): string {
  return plainLabel(reply.title ?? reply.summary ?? reply.text, 120);
}

/** The feedback button's value says which answer; `helpful` comes from the reaction instead. */
function withoutHelpful(value: Json | undefined): Json | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { helpful: _helpful, ...rest } = value;
  return rest;
}
