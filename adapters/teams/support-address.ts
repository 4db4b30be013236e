import type { TeamsSupportChannel } from '../../bot/config/support.js';
import type { Address } from '../../bot/model.js';

/**
 * The Teams support channel as an Address the messenger can post to: a ConversationReference built from
 * configuration, because a bot may post proactively to any channel of a team it is installed in.
 */
export function teamsSupportAddress(channel: TeamsSupportChannel): Address {
  return {
    channel: 'teams',
    conversationId: channel.channelId,
    ref: {
      channelId: 'msteams',
      serviceUrl: channel.serviceUrl,
      conversation: {
        id: channel.channelId,
        isGroup: true,
        conversationType: 'channel',
        ...(channel.tenantId ? { tenantId: channel.tenantId } : {}),
      },
    },
  };
}
