import { isBotError } from '../../bot/errors.js';
import type { Json, Reply } from '../../bot/model.js';
import type { Store } from '../../bot/ports/store.js';
import type { JsonObject, RenderedCard } from './render-card.js';

/** Renders a reply as the card with this id; the same function the sender used, so the card comes back. */
export type CardRenderer = (reply: Reply, cardId: string) => RenderedCard;

/** What is stored per card: the reply it shows (a third of the card's size), rendered again on a click. */
type StoredCard = { reply: Reply; conversationId: string; feedback?: Json };

export interface CardRecord {
  card: JsonObject;
  labels: string[];
  conversationId: string;
  /** The value of the card's feedback buttons (entry and answer ids), for the Teams feedback loop. */
  feedback?: Json;
}

/**
 * Cards with buttons, kept so that a click can turn the card into its spent form and act only once.
 * A click is claimed with create-if-absent, so two clicks (two devices, a double tap, a retried invoke)
 * race on the store and exactly one wins. A click on an unknown or expired card does nothing.
 */
export class CardLedger {
  constructor(
    private readonly store: Store,
    private readonly render: CardRenderer,
    private readonly ttlMs = 30 * 24 * 3600_000,
  ) {}

  /** Keeps the reply a card shows; a click renders it again (rendering is a pure function of both). */
  async remember(cardId: string, reply: Reply, conversationId: string, feedback?: Json): Promise<void> {
    const record: StoredCard = { reply, conversationId, ...(feedback !== undefined ? { feedback } : {}) };
    await this.store.write(`teams/card/${cardId}`, record, { ttlMs: this.ttlMs });
  }

  async find(cardId: string): Promise<CardRecord | undefined> {
    const stored = (await this.store.read<StoredCard>(`teams/card/${cardId}`))?.value;
    if (!stored) return undefined;
    const rendered = this.render(stored.reply, cardId);
    return {
      card: rendered.card,
      labels: rendered.labels,
      conversationId: stored.conversationId,
      ...(stored.feedback !== undefined ? { feedback: stored.feedback } : {}),
    };
  }

  /** True for the first click on the card, false for every later one. */
  async claim(cardId: string, button: number): Promise<boolean> {
    try {
      await this.store.write(`teams/click/${cardId}`, { button }, { ifAbsent: true, ttlMs: this.ttlMs });
      return true;
    } catch (err) {
      if (isBotError(err, 'store.conflict')) return false;
      throw err;
    }
  }

  async claimedButton(cardId: string): Promise<number | undefined> {
    const doc = await this.store.read<{ button: number }>(`teams/click/${cardId}`);
    return doc?.value.button;
  }

  /** Which card a sent message shows, for feedback that names the message rather than the card. */
  async linkMessage(messageId: string, cardId: string): Promise<void> {
    await this.store.write(`teams/message/${messageId}`, { cardId }, { ttlMs: this.ttlMs });
  }

  async findByMessage(messageId: string): Promise<CardRecord | undefined> {
    const link = await this.store.read<{ cardId: string }>(`teams/message/${messageId}`);
    return link ? this.find(link.value.cardId) : undefined;
  }
}
