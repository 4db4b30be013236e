import { type Activity, HandoffEventNames } from 'botbuilder';
import { Actions, type Address, type Turn } from '../../bot/model.js';
import { addressOf } from './activity-address.js';
import { type CardActionData, readActionData } from './card-actions.js';
import { mentionsBot, messageText } from './mention-text.js';
import { type MessageAction, readMessageAction } from './message-action.js';

/** What an inbound activity means to the edge. */
export type Inbound =
  | { kind: 'message'; turn: Turn }
  | { kind: 'click'; turn: Turn; click: CardActionData; via: 'execute' | 'submit'; cardMessageId?: string }
  | { kind: 'feedback'; turn: Turn; helpful: boolean; comment?: string; messageId?: string }
  | { kind: 'welcome'; address: Address; user: Turn['user'] }
  | ({ kind: 'messageAction' } & MessageAction)
  | { kind: 'ignore'; reason: string };

export interface ReadOptions {
  /** SUPPORT_TEAMS_CHANNEL_ID: its threads are read without a mention (see `addressed`). */
  supportChannelId?: string;
}

/** `address` is the activity's, read once per turn by `addressOf` (the edge passes the one it read). */
export function readActivity(
  activity: Activity,
  options: ReadOptions = {},
  address: Address = addressOf(activity),
): Inbound {
  const user = userOf(activity);
  if (activity.type === 'message') {
    const click = readActionData(activity.value);
    if (click) return clickOf(address, user, click, 'submit', activity.replyToId);
    if (!addressed(activity, address, options.supportChannelId))
      return { kind: 'ignore', reason: 'channel message without a mention' };
    // An over-long message goes on: the engine refuses it, in the same words on every channel.
    const text = messageText(activity);
    if (text.length === 0) return { kind: 'ignore', reason: 'empty message' };
    return { kind: 'message', turn: { address, user, text } };
  }
  if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
    const action = (activity.value as { action?: { type?: unknown; data?: unknown } } | undefined)?.action;
    const click = action?.type === 'Action.Execute' ? readActionData(action.data) : undefined;
    if (!click) return { kind: 'ignore', reason: 'card action that is not ours' };
    return clickOf(address, user, click, 'execute', activity.replyToId);
  }
  if (activity.type === 'invoke' && activity.name === 'message/submitAction')
    return feedbackOf(activity, address, user);
  if (activity.type === 'invoke' && MESSAGE_ACTION_INVOKES.has(activity.name ?? '')) {
    const read = readMessageAction(activity, user);
    return 'reason' in read ? { kind: 'ignore', reason: read.reason } : { kind: 'messageAction', ...read };
  }
  if (activity.type === 'event' && activity.name === HandoffEventNames.HandoffStatus) {
    const value = activity.value as { state?: unknown; message?: unknown } | undefined;
    const state = typeof value?.state === 'string' ? value.state.slice(0, 40) : undefined;
    if (!state) return { kind: 'ignore', reason: 'handoff.status without a state' };
    const message = typeof value?.message === 'string' ? value.message.slice(0, 500) : undefined;
    const action = { id: Actions.hubStatus, value: { state, ...(message ? { message } : {}) } };
    return { kind: 'message', turn: { address, user, text: '', action } };
  }
  if (activity.type === 'conversationUpdate') {
    const botId = activity.recipient?.id;
    const added = activity.membersAdded ?? [];
    if (botId && added.some((m) => m.id === botId)) return { kind: 'welcome', address, user };
    return { kind: 'ignore', reason: 'membership change without the bot' };
  }
  return { kind: 'ignore', reason: `activity ${activity.type}${activity.name ? ` ${activity.name}` : ''}` };
}

/** The invokes of a messaging extension's action command. */
export const MESSAGE_ACTION_INVOKES = new Set([
  'composeExtension/fetchTask',
  'composeExtension/submitAction',
]);

/**
 * Whether a typed message is for the bot. In a personal chat every message is; in a channel or group
 * chat only one that @mentions it, which is all Teams delivers unless the app holds the RSC permission
 * ChannelMessage.Read.Group (TEAMS_RSC_CHANNEL_MESSAGES when packaging). With it every message of the
 * team's channels arrives: the support channel's threads are read without a mention, so a person
 * answering a ticket need not @mention the bot, and everything else is dropped here, before anything
 * is stored or answered.
 */
function addressed(activity: Activity, address: Address, supportChannelId: string | undefined): boolean {
  const type = activity.conversation?.conversationType;
  if (type !== 'channel' && type !== 'groupChat') return true;
  if (mentionsBot(activity)) return true;
  return (
    type === 'channel' &&
    supportChannelId !== undefined &&
    address.conversationId === supportChannelId &&
    address.threadId !== undefined
  );
}

function clickOf(
  address: Address,
  user: Turn['user'],
  click: CardActionData,
  via: 'execute' | 'submit',
  cardMessageId: string | undefined,
): Inbound {
  const action = { id: click.action, ...(click.value !== undefined ? { value: click.value } : {}) };
  return {
    kind: 'click',
    turn: { address, user, text: '', action },
    click,
    via,
    ...(cardMessageId ? { cardMessageId } : {}),
  };
}

/** The Teams feedback loop: `{ actionName: 'feedback', actionValue: { reaction, feedback } }`. */
function feedbackOf(activity: Activity, address: Address, user: Turn['user']): Inbound {
  const value = activity.value as {
    actionName?: unknown;
    actionValue?: { reaction?: unknown; feedback?: unknown };
  };
  const reaction = value?.actionValue?.reaction;
  if (value?.actionName !== 'feedback' || (reaction !== 'like' && reaction !== 'dislike')) {
    return { kind: 'ignore', reason: 'submitAction that is not feedback' };
  }
  const comment = feedbackText(value.actionValue?.feedback);
  const turn: Turn = {
    address,
    user,
    text: '',
    action: { id: Actions.feedback, value: { helpful: reaction === 'like' } },
  };
  return {
    kind: 'feedback',
    turn,
    helpful: reaction === 'like',
    ...(comment ? { comment } : {}),
    ...(activity.replyToId ? { messageId: activity.replyToId } : {}),
  };
}

/** `feedback` is a JSON string `{"feedbackText":"…"}`; anything else is ignored. */
function feedbackText(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > 10_000) return undefined;
  try {
    const text = (JSON.parse(raw) as { feedbackText?: unknown }).feedbackText;
    return typeof text === 'string' && text.trim() ? messageText({ text: text.slice(0, 2000) }) : undefined;
  } catch {
    return undefined;
  }
}

/** The Entra object id when Teams sends it (stable across chats), else the channel account id. */
function userOf(activity: Activity): Turn['user'] {
  const from = activity.from ?? { id: '' };
  const id = from.aadObjectId || from.id || '';
  return { id, ...(from.name ? { displayName: from.name } : {}) };
}
