import type { AckFn, App, RespondArguments } from '@slack/bolt';
import type { Reply, Turn } from '../../bot/model.js';
import { registerAppHome } from './app-home.js';
import { registerMessageShortcuts } from './message-shortcuts.js';
import { isDirectMessage, isPrivate, rendered } from './post-reply.js';
import {
  type Deliver,
  deliverAll,
  inThread,
  type ListenerDeps,
  replyTo,
  run,
  track,
  turnLogger,
  viaRespond,
} from './slack-turn-runner.js';
import {
  type ActionPayload,
  actionTurn,
  commandTurn,
  directMessageTurn,
  type MessagePayload,
  mentionTurn,
  supportThreadTurn,
} from './to-turn.js';

export const SLASH_COMMAND = '/georestore';

/**
 * Slash command, mentions, direct messages, button clicks, message shortcuts and the App Home → Turn →
 * engine → replies. A slash command's answer rides in its ack when the engine is done before
 * `commandAckMs` (one HTTP exchange instead of two); otherwise it is acknowledged empty then and
 * answered through its response_url. Everything else that answers Slack over HTTP acknowledges first.
 * Either way the engine's time never delays an ack past Slack's 3 s.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    const turn = commandTurn(command);
    await track(deps, answerCommand(deps, turn, ack, viaRespond(respond, deps.logger)));
  });

  app.event('app_mention', async ({ event, context, client }) => {
    if ('bot_id' in event && event.bot_id) return;
    if (!event.user) return;
    const turn = mentionTurn(event as MessagePayload, context.botUserId, context.teamId);
    await run(deps, 'mention', turn, inThread(client, turn, deps.logger), placeOf(client, turn));
  });

  app.event('message', async ({ event, context, client }) => {
    // Only what a person wrote in a DM or a support-channel thread: no edits, joins or bot messages.
    if (event.subtype !== undefined || event.bot_id || !event.user) return;
    if (event.channel_type !== 'im') {
      if (event.channel !== deps.supportChannelId) return;
      const payload = event as MessagePayload;
      // A message that mentions the bot also arrives as an app_mention, which answers it.
      if (context.botUserId && payload.text?.includes(`<@${context.botUserId}>`)) return;
      const turn = supportThreadTurn(payload, context.teamId);
      if (turn) await run(deps, 'support-thread', turn, inThread(client, turn, deps.logger));
      return;
    }
    const turn = directMessageTurn(event as MessagePayload, context.botUserId, context.teamId);
    await run(deps, 'dm', turn, inThread(client, turn, deps.logger), placeOf(client, turn));
  });

  app.action({ type: 'block_actions' }, async ({ ack, body, respond, client }) => {
    await ack();
    const payload = body as unknown as ActionPayload;
    const turn = actionTurn(payload);
    if (turn === undefined) {
      deps.logger.info({ type: payload.actions?.[0]?.type }, 'slack.action.ignored');
      return;
    }
    const channel = turn.address.conversationId;
    const viaResponseUrl =
      payload.container?.is_ephemeral === true ||
      (turn.address.threadId === undefined && !isDirectMessage(channel));
    if (viaResponseUrl && respond) return run(deps, 'action', turn, viaRespond(respond, deps.logger));
    await run(deps, 'action', turn, inThread(client, turn, deps.logger), placeOf(client, turn));
  });

  registerMessageShortcuts(app, deps);
  registerAppHome(app, deps);
}

/** Where the bot posts a turn's answer itself, so that a slow one can show it is working there. */
function placeOf(client: Parameters<typeof inThread>[0], turn: Turn) {
  return {
    client,
    channel: turn.address.conversationId,
    userId: turn.user.id,
    ...(turn.address.threadId ? { threadTs: turn.address.threadId } : {}),
  };
}

type CommandAck = AckFn<string | RespondArguments>;

/**
 * Races the engine against the ack deadline. In time: the first reply is the ack's body and any
 * others follow through the response_url, after it, so they arrive in order. Too late: an empty ack
 * at the deadline, then every reply through the response_url.
 */
async function answerCommand(
  deps: ListenerDeps,
  turn: Turn,
  ack: CommandAck,
  deliver: Deliver,
): Promise<void> {
  const log = turnLogger(deps, turn, 'command');
  const answer = replyTo(deps, turn);
  const deadline = deps.ackDeadline(deps.commandAckMs);
  const early = await Promise.race([answer, deadline.expired.then(() => undefined)]);
  deadline.cancel();
  if (early === undefined) {
    log.info({ afterMs: deps.commandAckMs }, 'slack.command.ack_before_answer');
    await ack();
    return deliverAll(await answer, deliver, log);
  }
  const [first, ...rest] = early;
  let body: RespondArguments | undefined;
  try {
    body = first === undefined ? undefined : ackBody(first, log);
  } catch (error) {
    log.error(
      { kind: first?.kind, err: error instanceof Error ? error.name : 'unknown' },
      'slack.reply.failed',
    );
  }
  await ack(body);
  return deliverAll(body === undefined ? early : rest, deliver, log);
}

/** A reply as a slash command's ack body: same visibility rule as through the response_url. */
function ackBody(reply: Reply, logger: Parameters<typeof rendered>[1]): RespondArguments {
  const { text, blocks } = rendered(reply, logger);
  return { response_type: isPrivate(reply) ? 'ephemeral' : 'in_channel', text, blocks };
}
