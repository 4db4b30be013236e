import { BotError } from './errors.js';
import type { Address, Channel, Reply } from './model.js';
import type { Person } from './ports/escalations.js';
import type { Messenger, SentMessage } from './ports/messenger.js';

/** One Messenger for background work: each send goes to the messenger of the address's channel. */
export class ChannelMessenger implements Messenger {
  private readonly byChannel = new Map<Channel, Messenger>();

  register(channel: Channel, messenger: Messenger): void {
    this.byChannel.set(channel, messenger);
  }

  private of(address: Address): Messenger {
    const messenger = this.byChannel.get(address.channel);
    if (!messenger)
      throw new BotError(
        'channel.failed',
        `no ${address.channel} channel is configured for proactive messages`,
      );
    return messenger;
  }

  send(address: Address, reply: Reply): Promise<SentMessage> {
    return this.of(address).send(address, reply);
  }

  update(message: SentMessage, reply: Reply): Promise<void> {
    return this.of(message.address).update(message, reply);
  }

  threadOf(message: SentMessage): Address {
    return this.of(message.address).threadOf(message);
  }

  /** Undefined, not an error, for a channel that is not configured or cannot tell names. */
  async nameOf(person: Person): Promise<string | undefined> {
    return this.byChannel.get(person.channel)?.nameOf?.(person);
  }
}
