import { BotError } from '../../bot/errors.js';
import type { Address, Reply } from '../../bot/model.js';
import type { Person } from '../../bot/ports/escalations.js';
import type { Messenger, SentMessage } from '../../bot/ports/messenger.js';

/** A Messenger that records every proactive send and edit, so tests assert what a channel would show. */
export class RecordingMessenger implements Messenger {
  readonly sent: Array<{ address: Address; reply: Reply; messageId: string }> = [];
  readonly updates: Array<{ messageId: string; reply: Reply }> = [];
  /** Makes the next n sends fail as a channel would (BotError channel.failed). */
  failSends = 0;
  /** The names `nameOf` knows, by person id; every lookup is recorded in `lookedUp`. */
  readonly names = new Map<string, string>();
  readonly lookedUp: string[] = [];
  private n = 0;

  async send(address: Address, reply: Reply): Promise<SentMessage> {
    if (this.failSends > 0) {
      this.failSends -= 1;
      throw new BotError('channel.failed', 'recording messenger: send failed on purpose');
    }
    const messageId = `m-${++this.n}`;
    this.sent.push({ address, reply: structuredClone(reply), messageId });
    return { address, messageId };
  }

  async update(message: SentMessage, reply: Reply): Promise<void> {
    if (!this.sent.some((s) => s.messageId === message.messageId))
      throw new BotError('channel.failed', `recording messenger: no message ${message.messageId}`);
    this.updates.push({ messageId: message.messageId, reply: structuredClone(reply) });
  }

  threadOf(message: SentMessage): Address {
    return { ...message.address, threadId: message.messageId };
  }

  async nameOf(person: Person): Promise<string | undefined> {
    this.lookedUp.push(person.id);
    return this.names.get(person.id);
  }

  /** A message as it looks now: its last edit, or as sent. */
  current(messageId: string): Reply | undefined {
    const edits = this.updates.filter((u) => u.messageId === messageId);
    return edits.at(-1)?.reply ?? this.sent.find((s) => s.messageId === messageId)?.reply;
  }

  /** Sent messages with this title (e.g. "Geo-restore complete"). */
  titled(title: string): Reply[] {
    return this.sent.map((s) => s.reply).filter((r) => r.title === title);
  }
}
