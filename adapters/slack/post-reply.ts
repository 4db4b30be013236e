import type { RespondFn, webApi } from '@slack/bolt';
import type { Reply } from '../../bot/model.js';
import type { Logger } from '../../bot/ports/logger.js';
import { renderReply, type SlackMessage } from './render-blocks.js';

/** Somewhere in a conversation to post into, and who it is for (for replies only they should see). */
export interface ThreadTarget {
  channel: string;
  threadTs?: string;
  userId?: string;
}

/** Personal replies and errors are shown only to the person concerned, except in a DM, which is private. */
export function isPrivate(reply: Reply): boolean {
  return reply.personal === true || reply.kind === 'error';
}

/** A DM's channel id starts with D: a conversation between the person and the bot alone. */
export function isDirectMessage(channel: string): boolean {
  return channel.startsWith('D');
}

/** Message ids of ephemeral posts carry this prefix: Slack can neither edit nor thread under them. */
export const EPHEMERAL_PREFIX = 'ephemeral:';

export function rendered(reply: Reply, logger: Logger, oncall?: string): SlackMessage {
  const message = renderReply(reply, oncall);
  if (message.dropped.length > 0) logger.warn({ buttons: message.dropped }, 'slack.buttons.dropped');
  return message;
}

/**
 * Posts one reply with the Web API: in the thread when there is one, ephemeral when it is private and
 * the channel is shared. Returns the message ts, prefixed `ephemeral:` for an ephemeral one.
 */
export async function postReply(
  client: webApi.WebClient,
  target: ThreadTarget,
  reply: Reply,
  logger: Logger,
  oncall?: string,
): Promise<string> {
  const { text, blocks } = rendered(reply, logger, oncall);
  const thread = target.threadTs ? { thread_ts: target.threadTs } : {};
  if (isPrivate(reply) && target.userId && !isDirectMessage(target.channel)) {
    const result = await client.chat.postEphemeral({
      channel: target.channel,
      user: target.userId,
      text,
      blocks,
      ...thread,
    });
    return `${EPHEMERAL_PREFIX}${result.message_ts ?? ''}`;
  }
  const result = await client.chat.postMessage({
    channel: target.channel,
    text,
    blocks,
    unfurl_links: false,
    unfurl_media: false,
    ...thread,
  });
  return result.ts ?? '';
}

/** Replaces a posted message in place with another reply. */
export async function updateReply(
  client: webApi.WebClient,
  channel: string,
  ts: string,
  reply: Reply,
  logger: Logger,
  oncall?: string,
): Promise<void> {
  const { text, blocks } = rendered(reply, logger, oncall);
  await client.chat.update({ channel, ts, text, blocks });
}

/** Answers through a response_url (slash commands, clicks on ephemeral or top-level messages). */
export async function respondReply(respond: RespondFn, reply: Reply, logger: Logger): Promise<void> {
  const { text, blocks } = rendered(reply, logger);
  await respond({
    response_type: isPrivate(reply) ? 'ephemeral' : 'in_channel',
    replace_original: false,
    text,
    blocks,
  });
}
