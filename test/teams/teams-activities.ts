/**
 * Teams activities as the Bot Connector posts them (shapes taken from real Teams traffic: ids,
 * channelData, mention entities, clientInfo), with the serviceUrl of the loopback connector.
 */
export const BOT_ID = '28:00000000-0000-0000-0000-0000000000b0';
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const CHANNEL_CONVERSATION = '19:c6d1a7a6b0f14e1f9b1c3c1e9f1c6d1a@thread.tacv2';
export const GROUP_CONVERSATION = '19:meeting_a1b2c3d4e5f6@thread.v2';
export const PERSONAL_CONVERSATION = 'a:1Xr2CsPerSonAlChAt_ShoRtEnEd-Id';

const alice = {
  id: '29:1aLiCeTeAmSuSeRiD',
  name: 'Alice Martin',
  aadObjectId: 'a11ce000-0000-4000-8000-000000000001',
};
const bob = {
  id: '29:1BoBtEaMsUsErId',
  name: 'Bob Chen',
  aadObjectId: 'b0b00000-0000-4000-8000-000000000002',
};
const bot = { id: BOT_ID, name: 'GeoRestore Bot' };

let counter = 1000;
const nextId = () => `17${counter++}000000`;

function base(
  serviceUrl: string,
  conversation: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return {
    id: nextId(),
    timestamp: '2026-01-10T12:00:00.000Z',
    localTimestamp: '2026-01-10T13:00:00.000+01:00',
    channelId: 'msteams',
    serviceUrl,
    from: alice,
    recipient: bot,
    conversation: { tenantId: TENANT, ...conversation },
    locale: 'en-US',
    ...extra,
  };
}

const clientInfo = {
  type: 'clientInfo',
  locale: 'en-US',
  country: 'US',
  platform: 'Web',
  timezone: 'Europe/Paris',
};

export function personalMessage(serviceUrl: string, text: string) {
  return {
    ...base(serviceUrl, { conversationType: 'personal', id: PERSONAL_CONVERSATION }),
    type: 'message',
    text,
    textFormat: 'plain',
    entities: [clientInfo],
    channelData: { tenant: { id: TENANT } },
  };
}

/** A new channel post that @mentions the bot and Bob: Teams addresses it to the post's reply chain. */
export function channelMention(serviceUrl: string, question: string) {
  const id = nextId();
  return {
    ...base(serviceUrl, {
      isGroup: true,
      conversationType: 'channel',
      id: `${CHANNEL_CONVERSATION};messageid=${id}`,
    }),
    id,
    type: 'message',
    text: `<at>GeoRestore Bot</at> ${question} <at>Bob Chen</at>`,
    textFormat: 'plain',
    entities: [
      { type: 'mention', text: '<at>GeoRestore Bot</at>', mentioned: bot },
      { type: 'mention', text: '<at>Bob Chen</at>', mentioned: { id: bob.id, name: bob.name } },
      clientInfo,
    ],
    channelData: {
      teamsChannelId: CHANNEL_CONVERSATION,
      teamsTeamId: '19:TeAmGeNeRaLcHaNnElId@thread.tacv2',
      channel: { id: CHANNEL_CONVERSATION },
      team: { id: '19:TeAmGeNeRaLcHaNnElId@thread.tacv2' },
      tenant: { id: TENANT },
    },
  };
}

export function groupChatMention(serviceUrl: string, question: string) {
  return {
    ...base(serviceUrl, { isGroup: true, conversationType: 'groupChat', id: GROUP_CONVERSATION }),
    type: 'message',
    text: `<at>GeoRestore Bot</at> ${question}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: '<at>GeoRestore Bot</at>', mentioned: bot }, clientInfo],
    channelData: { tenant: { id: TENANT } },
  };
}

/** Action.Execute on a card: Teams sends an invoke whose replyToId is the card's message. */
export function executeInvoke(serviceUrl: string, cardMessageId: string, verb: string, data: unknown) {
  return {
    ...base(serviceUrl, { conversationType: 'personal', id: PERSONAL_CONVERSATION }),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: cardMessageId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    channelData: { tenant: { id: TENANT }, source: { name: 'message' } },
  };
}

/** Action.Submit (the fallback on older clients): a message with the data as value and no text. */
export function submitMessage(serviceUrl: string, cardMessageId: string, data: unknown) {
  return {
    ...base(serviceUrl, { conversationType: 'personal', id: PERSONAL_CONVERSATION }),
    type: 'message',
    replyToId: cardMessageId,
    value: data,
    channelData: {
      tenant: { id: TENANT },
      source: { name: 'message' },
      legacy: { replyToId: cardMessageId },
    },
  };
}

export function botAddedToTeam(serviceUrl: string) {
  return {
    ...base(serviceUrl, { isGroup: true, conversationType: 'channel', id: CHANNEL_CONVERSATION }),
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT_ID }],
    channelData: {
      team: {
        id: CHANNEL_CONVERSATION,
        name: 'Database Ops',
        aadGroupId: 'd0000000-0000-4000-8000-000000000003',
      },
      eventType: 'teamMemberAdded',
      tenant: { id: TENANT },
    },
  };
}

export function userAddedToGroup(serviceUrl: string) {
  return {
    ...base(serviceUrl, { isGroup: true, conversationType: 'groupChat', id: GROUP_CONVERSATION }),
    type: 'conversationUpdate',
    membersAdded: [{ id: bob.id, aadObjectId: bob.aadObjectId }],
    channelData: { eventType: 'teamMemberAdded', tenant: { id: TENANT } },
  };
}

/** The Teams feedback loop: 👎 with a comment on one of the bot's messages. */
export function feedbackInvoke(
  serviceUrl: string,
  messageId: string,
  reaction: 'like' | 'dislike',
  text: string,
) {
  return {
    ...base(serviceUrl, { conversationType: 'personal', id: PERSONAL_CONVERSATION }),
    type: 'invoke',
    name: 'message/submitAction',
    replyToId: messageId,
    value: {
      actionName: 'feedback',
      actionValue: { reaction, feedback: JSON.stringify({ feedbackText: text }) },
    },
    channelData: { tenant: { id: TENANT }, source: { name: 'message' } },
  };
}
