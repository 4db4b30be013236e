import type { AckFn, App, RespondArguments, RespondFn, webApi } from '@slack/bolt';
import type { Reply, Turn, TurnHandler } from '../../bot/model.js';
import type { Logger } from '../../bot/ports/logger.js';
import { isDirectMessage, isPrivate, postReply, rendered, respondReply } from './post-reply.js';
import { slackErrorCode } from './slack-error-code.js';
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

export interface ListenerDeps {
  handler: TurnHandler;
  logger: Logger;
  /** Turns still running after their ack, so that a shutdown can let them finish. */
  inFlight: Set<Promise<void>>;
  /** How long a slash command waits for its answer to go in the ack itself (keep it well under 3 s). */
  commandAckMs: number;
  /** Starts that wait; a real timer in production, something a test controls in tests. */
  ackDeadline: AckDeadline;
  /** The support channel: people's messages in its threads are relayed to a ticket's requester. */
  supportChannelId?: string;
}

/** A wait that can be called off once the answer beat it. */
export type AckDeadline = (ms: number) => { expired: Promise<void>; cancel(): void };

export const timerDeadline: AckDeadline = (ms) => {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { expired, cancel: () => clearTimeout(timer) };
};

type Deliver = (reply: Reply) => Promise<unknown>;

/**
 * Slash command, mentions, direct messages and button clicks → Turn → engine → replies. A slash
 * command's answer rides in its ack when the engine is done before `commandAckMs` (one HTTP exchange
 * instead of two); otherwise it is acknowledged empty then and answered through its response_url.
 * Everything else that answers Slack over HTTP acknowledges first. Either way the engine's time never
 * delays an ack past Slack's 3 s.
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
    await run(deps, 'mention', turn, inThread(client, turn, deps.logger));
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
    await run(deps, 'dm', turn, inThread(client, turn, deps.logger));
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
    const deliver: Deliver =
      viaResponseUrl && respond ? viaRespond(respond, deps.logger) : inThread(client, turn, deps.logger);
    await run(deps, 'action', turn, deliver);
  });
}

function inThread(client: webApi.WebClient, turn: Turn, logger: Logger): Deliver {
  const target = {
    channel: turn.address.conversationId,
    userId: turn.user.id,
    ...(turn.address.threadId ? { threadTs: turn.address.threadId } : {}),
  };
  return (reply) => postReply(client, target, reply, logger);
}

function viaRespond(respond: RespondFn, logger: Logger): Deliver {
  return (reply) => respondReply(respond, reply, logger);
}

function track(deps: ListenerDeps, promise: Promise<void>): Promise<void> {
  const work = promise.finally(() => deps.inFlight.delete(work));
  deps.inFlight.add(work);
  return work;
}

function run(deps: ListenerDeps, source: string, turn: Turn, deliver: Deliver): Promise<void> {
  return track(deps, runTurn(deps, source, turn, deliver));
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
function ackBody(reply: Reply, logger: Logger): RespondArguments {
  const { text, blocks } = rendered(reply, logger);
  return { response_type: isPrivate(reply) ? 'ephemeral' : 'in_channel', text, blocks };
}

function turnLogger(deps: ListenerDeps, turn: Turn, source: string): Logger {
  const log = deps.logger.child({ channel: 'slack', conversationId: turn.address.conversationId });
  log.info({ source, action: turn.action?.id }, 'slack.turn');
  return log;
}

/** The engine's replies: it is the turn's error boundary and never rejects (a failure is its apology). */
async function replyTo(deps: ListenerDeps, turn: Turn): Promise<Reply[]> {
  return await deps.handler.handle(turn);
}

async function runTurn(deps: ListenerDeps, source: string, turn: Turn, deliver: Deliver): Promise<void> {
  const log = turnLogger(deps, turn, source);
  return deliverAll(await replyTo(deps, turn), deliver, log);
}

async function deliverAll(replies: Reply[], deliver: Deliver, log: Logger): Promise<void> {
  for (const reply of replies) {
    try {
      await deliver(reply);
    } catch (error) {
      log.error({ kind: reply.kind, code: slackErrorCode(error) }, 'slack.reply.failed');
    }
  }
}
