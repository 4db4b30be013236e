import type { Activity } from 'botbuilder';
import { Actions, type Address, type Turn } from '../../bot/model.js';
import { quotedMessage } from '../../bot/text/quoted-message.js';
import { addressOf } from './activity-address.js';
import { teamsBodyText } from './teams-html-text.js';

/** The two message actions of the messaging extension (manifest.json `composeExtensions`). */
export const ASK_COMMAND = 'askGeoRestore';
export const TICKET_COMMAND = 'openSupportTicket';

/** Why a message action of ours was not read: the message has no text (an image, a file). */
export const NO_TEXT = 'message without text';

/** "Ask GeoRestore" or "Open a support ticket" on a message, read from its invoke. */
export type MessageAction = {
  step: 'fetch' | 'submit';
  command: typeof ASK_COMMAND | typeof TICKET_COMMAND;
  /** The turn of the person who chose the action, in the message's reply chain. */
  turn: Turn;
  /** The message was longer than the bot reads, and was cut. */
  cut: boolean;
};

type MessagePayload = {
  id?: unknown;
  replyToId?: unknown;
  body?: { contentType?: unknown; content?: unknown };
};

/**
 * A `composeExtension/fetchTask` or `composeExtension/submitAction` invoke of one of our message
 * actions (`commandContext: message`): the message's HTML body made plain once here, and an address in
 * the message's reply chain. Teams sends a channel conversation id with `;messageid=<root>` when the
 * action is used in a reply chain; for a root post without it, the post itself is the root. Undefined
 * when the invoke is not ours or the message has no text; `reason` says which.
 */
export function readMessageAction(
  activity: Activity,
  user: Turn['user'],
): MessageAction | { reason: string } {
  const value = activity.value as
    | { commandId?: unknown; commandContext?: unknown; messagePayload?: MessagePayload }
    | undefined;
  const command = value?.commandId;
  if (command !== ASK_COMMAND && command !== TICKET_COMMAND) return { reason: 'not our command' };
  if (value?.commandContext !== 'message') return { reason: 'not on a message' };
  const purpose = command === TICKET_COMMAND ? 'ticket' : 'answer';
  const { text, cut } = quotedMessage(teamsBodyText(value.messagePayload?.body), purpose);
  if (text === '') return { reason: NO_TEXT };
  const address = threadOf(activity, value.messagePayload);
  const action = command === TICKET_COMMAND ? { action: { id: Actions.ticketForMessage } } : {};
  return {
    step: activity.name === 'composeExtension/fetchTask' ? 'fetch' : 'submit',
    command,
    turn: { address, user, text, ...action },
    cut,
  };
}

function threadOf(activity: Activity, message: MessagePayload | undefined): Address {
  const conversation = activity.conversation;
  const inChannel = conversation?.conversationType === 'channel';
  const rootId = [message?.replyToId, message?.id].find(
    (id): id is string => typeof id === 'string' && id !== '',
  );
  if (!inChannel || conversation.id.includes(';messageid=') || rootId === undefined)
    return addressOf(activity);
  return addressOf({
    ...activity,
    conversation: { ...conversation, id: `${conversation.id};messageid=${rootId}` },
  } as Activity);
}
