/**
 * The invokes of a messaging extension's message action as Teams sends them (shaped after the
 * documented payloads of "Create and send dialogs" and "Respond to the dialog submit action": a channel
 * reply chain in `conversation.id`, the chosen message in `value.messagePayload`, its body as HTML).
 */
export function messageActionInvoke(fields: {
  name: 'composeExtension/fetchTask' | 'composeExtension/submitAction';
  serviceUrl: string;
  commandId: string;
  from: { id: string; name: string; aadObjectId: string };
  recipient: { id: string; name: string };
  channel: string;
  tenant: string;
  rootId: string;
  html: string;
  author?: { id: string; displayName: string };
  data?: Record<string, unknown>;
  /** Leave `;messageid=` out of the conversation id (as for a root post): the bot takes the root from the message. */
  bareConversation?: boolean;
}) {
  return {
    type: 'invoke',
    name: fields.name,
    id: `f:${fields.rootId}-${Math.random().toString(36).slice(2)}`,
    timestamp: '2026-01-10T12:00:00.000Z',
    channelId: 'msteams',
    serviceUrl: fields.serviceUrl,
    from: fields.from,
    recipient: fields.recipient,
    conversation: {
      isGroup: true,
      conversationType: 'channel',
      id: fields.bareConversation ? fields.channel : `${fields.channel};messageid=${fields.rootId}`,
      name: 'db-ops',
      tenantId: fields.tenant,
    },
    channelData: {
      channel: { id: fields.channel },
      team: { id: '19:TeAmGeNeRaLcHaNnElId@thread.tacv2' },
      tenant: { id: fields.tenant },
      source: { name: 'compose' },
    },
    value: {
      commandId: fields.commandId,
      commandContext: 'message',
      requestId: 'fe50f49e5c74440bb2ebf07f49e9553c',
      ...(fields.data ? { data: fields.data } : {}),
      messagePayload: {
        linkToMessage: `https://teams.microsoft.com/l/message/${fields.channel}/${fields.rootId}`,
        id: fields.rootId,
        replyToId: null,
        createdDateTime: '2026-01-10T11:58:00.000Z',
        lastModifiedDateTime: null,
        deleted: false,
        summary: null,
        importance: 'normal',
        locale: 'en-us',
        body: { contentType: 'html', content: fields.html },
        from: {
          device: null,
          conversation: null,
          user: {
            userIdentityType: 'aadUser',
            id: fields.author?.id ?? 'b0b00000-0000-4000-8000-000000000009',
            displayName: fields.author?.displayName ?? 'Olo Brockhouse',
          },
          application: null,
        },
        reactions: [],
        mentions: [],
        attachments: [],
      },
      context: { theme: 'default' },
    },
  };
}
