import type { App, RespondFn, webApi } from '@slack/bolt';
import { Actions, type Reply, type Turn, type TurnHandler } from '../../bot/model.js';
import type { Logger } from '../../bot/ports/logger.js';
import { isDirectMessage, postReply, respondReply } from './post-reply.js';
import {
  type ActionPayload,
  actionTurn,
  commandTurn,
  directMessageTurn,
  type MessagePayload,
  mentionTurn,
} from './to-turn.js';

export const SLASH_COMMAND = '/georestore';

export interface ListenerDeps {
  handler: TurnHandler;
  logger: Logger;
  /** Turns still running after their ack, so that a shutdown can let them finish. */
  inFlight: Set<Promise<void>>;
}

/** Said when the engine itself failed; the engine's own error boundary should make this rare. */
const FALLBACK: Reply = {
  kind: 'error',
  text: 'Sorry, something went wrong on my side. Please try again in a moment.',
  buttons: [{ id: Actions.human, label: 'Talk to a person' }],
};

type Deliver = (reply: Reply) => Promise<unknown>;

/**
 * Slash command, mentions, direct messages and button clicks → Turn → engine → replies. Everything
 * that answers Slack over HTTP acknowledges first, so the engine's time never delays the ack.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const turn = commandTurn(command);
    await run(deps, 'command', turn, (reply) => respondReply(respond, reply, deps.logger));
  });

  app.event('app_mention', async ({ event, context, client }) => {
    if ('bot_id' in event && event.bot_id) return;
    if (!event.user) return;
    const turn = mentionTurn(event as MessagePayload, context.botUserId, context.teamId);
    await run(deps, 'mention', turn, inThread(client, turn, deps.logger));
  });

  app.event('message', async ({ event, context, client }) => {
    // Only what a person wrote in a DM: no edits, joins or bot messages (ours included).
    if (event.channel_type !== 'im' || event.subtype !== undefined) return;
    if (event.bot_id || !event.user) return;
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

function run(deps: ListenerDeps, source: string, turn: Turn, deliver: Deliver): Promise<void> {
  const work = runTurn(deps, source, turn, deliver).finally(() => deps.inFlight.delete(work));
  deps.inFlight.add(work);
  return work;
}

async function runTurn(deps: ListenerDeps, source: string, turn: Turn, deliver: Deliver): Promise<void> {
  const log = deps.logger.child({ channel: 'slack', conversationId: turn.address.conversationId });
  log.info({ source, action: turn.action?.id }, 'slack.turn');
  let replies: Reply[];
  try {
    replies = await deps.handler.handle(turn);
  } catch (error) {
    log.error({ err: error instanceof Error ? error.name : 'unknown' }, 'slack.turn.failed');
    replies = [FALLBACK];
  }
  for (const reply of replies) {
    try {
      await deliver(reply);
    } catch (error) {
      log.error({ kind: reply.kind, code: slackErrorCode(error) }, 'slack.reply.failed');
    }
  }
}

function slackErrorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { code?: unknown; data?: { error?: unknown } };
    return [e.code, e.data?.error].filter((part) => typeof part === 'string').join(':') || 'unknown';
  }
  return 'unknown';
}
