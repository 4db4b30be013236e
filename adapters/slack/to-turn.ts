import type { Address, Json, Turn } from '../../bot/model.js';
import { decodeAction } from './action-codec.js';
import { isDirectMessage } from './post-reply.js';
import { slackToPlain } from './slack-text.js';

/** Where a Slack turn came from: enough to address a reply and a later proactive send. */
export interface SlackRef {
  teamId?: string | undefined;
  userId: string;
}

/** A Slack conversation (and thread) as an Address, with what a later proactive send needs. */
export function threadAddress(channel: string, threadTs: string | undefined, ref: SlackRef): Address {
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

/**
 * `/georestore <text>`: the text goes to the engine as typed, which routes help / check / restore. The
 * payload's `user_name` is the person's handle, not the name Slack shows, so the turn carries only the
 * id and whoever needs a name (a ticket) asks the profile (SlackMessenger.nameOf).
 */
export function commandTurn(command: CommandPayload): Turn {
  return {
    address: threadAddress(command.channel_id, undefined, {
      teamId: command.team_id,
      userId: command.user_id,
    }),
    user: { id: command.user_id },
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
    address: threadAddress(event.channel, event.thread_ts ?? event.ts, {
      teamId: teamId ?? event.team,
      userId,
    }),
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
    address: threadAddress(event.channel, event.thread_ts, { teamId: teamId ?? event.team, userId }),
    user: { id: userId },
    text: slackToPlain(event.text ?? '', botUserId),
  };
}

/** A person's message in a thread of the support channel: a ticket's relay, or chatter the bot ignores. */
export function supportThreadTurn(event: MessagePayload, teamId?: string): Turn | undefined {
  if (!event.thread_ts || event.thread_ts === event.ts || !event.user) return undefined;
  return {
    address: threadAddress(event.channel, event.thread_ts, {
      teamId: teamId ?? event.team,
      userId: event.user,
    }),
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
  /** A click on the App Home tab: the view, whose metadata names the person's DM with the bot. */
  view?: { type?: string; private_metadata?: string };
  actions?: Array<{ type?: string; action_id?: unknown; value?: unknown }>;
}

/** Our buttons, and Slack's native 👍/👎 (`feedback_buttons`), whose value is the clicked one's. */
const CLICKABLE = new Set(['button', 'feedback_buttons']);

/**
 * A button click as a turn for whoever clicked (anyone in the channel can; the engine authorises
 * each click). A click on the App Home tab is answered in the person's DM with the bot. Undefined for
 * clicks that are not one of our buttons. Only the id: the handle in the payload is not the person's
 * name (see commandTurn).
 */
export function actionTurn(body: ActionPayload): Turn | undefined {
  const clicked = body.actions?.[0];
  if (!CLICKABLE.has(clicked?.type ?? '')) return undefined;
  const action = decodeAction(clicked?.action_id, clicked?.value);
  const channel = str(body.channel?.id) ?? str(body.container?.channel_id) ?? homeChannelOf(body.view);
  if (action === undefined || channel === undefined) return undefined;
  const threadTs = str(body.message?.thread_ts) ?? str(body.container?.thread_ts);
  return {
    address: threadAddress(channel, threadTs, { teamId: str(body.team?.id), userId: body.user.id }),
    user: { id: body.user.id },
    text: '',
    action,
  };
}

/** The DM channel the Home tab was published with (app-home.ts), when the click came from there. */
function homeChannelOf(view: ActionPayload['view']): string | undefined {
  if (view?.type !== 'home' || typeof view.private_metadata !== 'string') return undefined;
  try {
    const dm = (JSON.parse(view.private_metadata) as { dm?: unknown }).dm;
    return typeof dm === 'string' && /^D[A-Z0-9]{2,}$/.test(dm) ? dm : undefined;
  } catch {
    return undefined;
  }
}
