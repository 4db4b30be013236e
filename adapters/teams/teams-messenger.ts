import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { TeamsConfig } from '../../bot/config/teams.js';
import { BotError } from '../../bot/errors.js';
import type { Address, Json, Reply } from '../../bot/model.js';
import type { Messenger, SentMessage } from '../../bot/ports/messenger.js';
import type { CardSender } from './card-sender.js';

/**
 * Proactive messages at a stored Address: its `ref` is the ConversationReference saved with the turn,
 * so a post lands in the same chat or channel reply chain, through the same guarded connector
 * (loopback only in local mode) and the same retries as a reply.
 */
export class TeamsMessenger implements Messenger {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly config: TeamsConfig,
    private readonly sender: CardSender,
  ) {}

  async send(address: Address, reply: Reply): Promise<SentMessage> {
    let messageId = '';
    await this.continue(address, async (context) => {
      messageId = await this.sender.send(context, address.conversationId, reply);
    });
    if (!messageId) throw new BotError('channel.failed', 'Teams accepted the message but returned no id');
    return { address, messageId };
  }

  async update(message: SentMessage, reply: Reply): Promise<void> {
    await this.continue(message.address, (context) =>
      this.sender.update(context, message.address.conversationId, message.messageId, reply),
    );
  }

  /** A channel post's reply chain: the conversation id with `;messageid=` and the post's activity id. */
  threadOf(message: SentMessage): Address {
    const reference = referenceOf(message.address);
    const root = message.address.threadId ?? message.messageId;
    const conversation = {
      ...reference.conversation,
      id: `${message.address.conversationId};messageid=${root}`,
    };
    return {
      ...message.address,
      threadId: root,
      ref: JSON.parse(JSON.stringify({ ...reference, conversation })) as Json,
    };
  }

  private async continue(
    address: Address,
    logic: Parameters<CloudAdapter['continueConversationAsync']>[2],
  ): Promise<void> {
    const reference = referenceOf(address);
    const appId = this.config.mode === 'authenticated' ? this.config.appId : '';
    try {
      await this.adapter.continueConversationAsync(appId, reference, logic);
    } catch (err) {
      if (err instanceof BotError) throw err;
      throw new BotError('channel.failed', 'Teams proactive message failed', { cause: err });
    }
  }
}

export function referenceOf(address: Address): Partial<ConversationReference> {
  const ref = address.ref;
  if (address.channel !== 'teams' || typeof ref !== 'object' || ref === null || Array.isArray(ref)) {
    throw new BotError('channel.failed', 'the address has no Teams conversation reference');
  }
  const reference = ref as unknown as Partial<ConversationReference>;
  if (typeof reference.serviceUrl !== 'string' || typeof reference.conversation?.id !== 'string') {
    throw new BotError(
      'channel.failed',
      'the Teams conversation reference lacks a serviceUrl or conversation id',
    );
  }
  return reference;
}
