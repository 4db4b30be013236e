import type { Address, Json, Turn } from '../../bot/model.js';
import { decodeAction } from './action-codec.js';
import { isDirectMessage } from './post-reply.js';
import { slackToPlain } from './slack-text.js';

/** Where a Slack turn came from: enough to address a reply and a later proactive send. */
export interface SlackRef {
  teamId?: string | undefined;
  userId: string;
}

function address(channel: string, threadTs: string | undefined, ref: SlackRef): Address {
  const refJson: { [key: string]: Json } = { userId: ref.userId };
  if (ref.teamId) refJson.teamId = ref.teamId;
  return {
    channel: 'slack',
    conversationId: channel,
    ...(threadTs ? { threadId: threadTs } : {}),
    ref: refJson,
    ...(isDirectMessage(channel) ? { direct: true } : {}),
  };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export interface CommandPayload {
  team_id?: string;
  channel_id: string;
  user_id: string;
  user_name?: string;
  text?: string;
}

/** `/georestore <text>`: the text goes to the engine as typed, which routes help / check / restore. */
export function commandTurn(command: CommandPayload): Turn {
  const user = { id: command.user_id, ...(str(command.user_name) ? { displayName: command.user_name } : {}) };
  return {
    address: address(command.channel_id, undefined, { teamId: command.team_id, userId: command.user_id }),
    user,
    text: slackToPlain(command.text ?? ''),
  };
}

export interface MessagePayload {
  channel: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  team?: string;
}

/** An app_mention is answered in its thread: the thread it was posted in, or a new one under it. */
export function mentionTurn(event: MessagePayload, botUserId: string | undefined, teamId?: string): Turn {
  const userId = event.user ?? '';
  return {
    address: address(event.channel, event.thread_ts ?? event.ts, { teamId: teamId ?? event.team, userId }),
    user: { id: userId },
    text: slackToPlain(event.text ?? '', botUserId),
  };
}

/** A direct message is answered where it was written: top level, or in its thread. */
export function directMessageTurn(
  event: MessagePayload,
  botUserId: string | undefined,
  teamId?: string,
): Turn {
  const userId = event.user ?? '';
  return {
    address: address(event.channel, event.thread_ts, { teamId: teamId ?? event.team, userId }),
    user: { id: userId },
    text: slackToPlain(event.text ?? '', botUserId),
  };
}

/** A person's message in a thread of the support channel: a ticket's relay, or chatter the bot ignores. */
export function supportThreadTurn(event: MessagePayload, teamId?: string): Turn | undefined {
  if (!event.thread_ts || event.thread_ts === event.ts || !event.user) return undefined;
  return {
    address: address(event.channel, event.thread_ts, { teamId: teamId ?? event.team, userId: event.user }),
    user: { id: event.user },
    text: slackToPlain(event.text ?? ''),
  };
}

export interface ActionPayload {
  team?: { id?: string } | null;
  user: { id: string; name?: string; username?: string };
  channel?: { id?: string };
  container?: { channel_id?: string; message_ts?: string; thread_ts?: string; is_ephemeral?: boolean };
  message?: { ts?: string; thread_ts?: string };
  actions?: Array<{ type?: string; action_id?: unknown; value?: unknown }>;
}

/**
 * A button click as a turn for whoever clicked (anyone in the channel can; the engine authorises
 * each click). Undefined for clicks that are not one of our buttons.
 */
export function actionTurn(body: ActionPayload): Turn | undefined {
  const clicked = body.actions?.[0];
  if (clicked?.type !== 'button') return undefined;
  const action = decodeAction(clicked.action_id, clicked.value);
  const channel = str(body.channel?.id) ?? str(body.container?.channel_id);
  if (action === undefined || channel === undefined) return undefined;
  const threadTs = str(body.message?.thread_ts) ?? str(body.container?.thread_ts);
  const displayName = str(body.user.name) ?? str(body.user.username);
  return {
    address: address(channel, threadTs, { teamId: str(body.team?.id), userId: body.user.id }),
    user: { id: body.user.id, ...(displayName ? { displayName } : {}) },
    text: '',
    action,
  };
}
