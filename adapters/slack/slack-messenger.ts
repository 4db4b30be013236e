import type { webApi } from '@slack/bolt';
import { BotError } from '../../bot/errors.js';
import type { Address, Reply } from '../../bot/model.js';
import type { Person } from '../../bot/ports/escalations.js';
import type { Logger } from '../../bot/ports/logger.js';
import type { Messenger, SentMessage } from '../../bot/ports/messenger.js';
import { EPHEMERAL_PREFIX, postReply, updateReply } from './post-reply.js';
import { slackErrorCode } from './slack-error-code.js';
import type { NameOf } from './user-names.js';

/**
 * Proactive messages into a stored Slack address (a channel or DM, and its thread): a restore's
 * progress, a ticket picked up by a person. A personal reply goes to the user in `ref` ephemerally.
 */
export class SlackMessenger implements Messenger {
  constructor(
    private readonly client: webApi.WebClient,
    private readonly logger: Logger,
    /** Display names from users.info (user-names.ts), for people whose events carry only an id. */
    private readonly names: NameOf,
    /** SUPPORT_ONCALL_SLACK, mentioned by replies that ask for it (`notify: 'oncall'`). */
    private readonly oncall?: string,
  ) {}

  nameOf(person: Person): Promise<string | undefined> {
    return person.id === '' ? Promise.resolve(undefined) : this.names(person.id);
  }

  async send(address: Address, reply: Reply): Promise<SentMessage> {
    const target = {
      channel: slackChannel(address),
      ...(address.threadId ? { threadTs: address.threadId } : {}),
      ...userOf(address),
    };
    try {
      const messageId = await postReply(this.client, target, reply, this.logger, this.oncall);
      return { address, messageId };
    } catch (error) {
      throw new BotError(
        'channel.failed',
        `Slack did not accept a proactive message: ${slackErrorCode(error)}`,
        { cause: error },
      );
    }
  }

  /** Replies to a message go in its thread: the message's own ts, or the thread it is already in. */
  threadOf(message: SentMessage): Address {
    const { channel, conversationId } = message.address;
    return { channel, conversationId, threadId: message.address.threadId ?? message.messageId };
  }

  async update(message: SentMessage, reply: Reply): Promise<void> {
    if (message.messageId.startsWith(EPHEMERAL_PREFIX) || message.messageId === '') {
      throw new BotError('channel.failed', 'Slack cannot edit an ephemeral message; send a new one');
    }
    try {
      await updateReply(
        this.client,
        slackChannel(message.address),
        message.messageId,
        reply,
        this.logger,
        this.oncall,
      );
    } catch (error) {
      throw new BotError(
        'channel.failed',
        `Slack did not accept a message update: ${slackErrorCode(error)}`,
        { cause: error },
      );
    }
  }
}

function slackChannel(address: Address): string {
  if (address.channel !== 'slack') {
    throw new BotError('channel.failed', `a ${address.channel} address was given to the Slack messenger`);
  }
  return address.conversationId;
}

function userOf(address: Address): { userId?: string } {
  const ref = address.ref;
  if (ref && typeof ref === 'object' && !Array.isArray(ref) && typeof ref.userId === 'string') {
    return { userId: ref.userId };
  }
  return {};
}
