import type { App, RespondFn, webApi } from '@slack/bolt';
import { Actions, type Turn } from '../../bot/model.js';
import type { Logger } from '../../bot/ports/logger.js';
import { quotedMessage, requestedBy } from '../../bot/text/quoted-message.js';
import { slackErrorCode } from './slack-error-code.js';
import { slackMessageParts } from './slack-text.js';
import { type Deliver, inThread, type ListenerDeps, run } from './slack-turn-runner.js';
import { threadAddress } from './to-turn.js';

/** The callback ids of the two message shortcuts in manifest.yml. */
export const ASK_SHORTCUT = 'georestore_ask';
export const TICKET_SHORTCUT = 'georestore_ticket';

/** A message shortcut as Slack posts it (`type: message_action`), the fields the bot reads. */
export interface MessageShortcutPayload {
  callback_id: string;
  trigger_id: string;
  team?: { id?: string } | null;
  channel: { id: string };
  user: { id: string; name?: string; username?: string };
  message: { ts: string; thread_ts?: string; text?: string };
}

/**
 * A message someone chose with a shortcut, as a turn of theirs in that message's thread: its text
 * (Slack markup made plain, once, here; a long one read up to the engine's limit) is what the engine
 * answers, like a question they typed; for a ticket the same text, with the action that makes it the
 * ticket's question. Undefined when the message has no text (a file, an image).
 */
export function shortcutTurn(
  body: MessageShortcutPayload,
  botUserId: string | undefined,
): { turn: Turn; cut: boolean } | undefined {
  const ticket = body.callback_id === TICKET_SHORTCUT;
  const parts = slackMessageParts(body.message.text ?? '', botUserId);
  const { text, cut } = quotedMessage(parts, ticket ? 'ticket' : 'answer');
  if (text === '') return undefined;
  const address = threadAddress(body.channel.id, body.message.thread_ts ?? body.message.ts, {
    teamId: body.team?.id ?? undefined,
    userId: body.user.id,
  });
  const action = ticket ? { action: { id: Actions.ticketForMessage } } : {};
  return { turn: { address, user: { id: body.user.id }, text, ...action }, cut };
}

const NOT_MEMBER = /not_in_channel|channel_not_found|is_archived/;

/**
 * "Ask GeoRestore" and "Open a support ticket" on any message: acknowledged at once, then answered in
 * the message's thread for everyone to see, naming who asked for it. Where the bot is not a member
 * (someone else's DM, a channel it was not invited to) it cannot post, and tells only the person who
 * used the shortcut, through the shortcut's response_url.
 */
export function registerMessageShortcuts(app: App, deps: ListenerDeps): void {
  for (const callbackId of [ASK_SHORTCUT, TICKET_SHORTCUT]) {
    app.shortcut(
      { type: 'message_action', callback_id: callbackId },
      async ({ ack, body, client, respond, context }) => {
        await ack();
        const payload = body as unknown as MessageShortcutPayload;
        const read = shortcutTurn(payload, context.botUserId);
        if (read === undefined) {
          await tell(respond, 'That message has no text for me to read.', deps.logger);
          return;
        }
        const name =
          (await deps.nameOf(payload.user.id)) ?? payload.user.name ?? payload.user.username ?? 'someone';
        const deliver = explainingWhereItCannotPost(client, read.turn, respond, deps.logger);
        const place = {
          client,
          channel: read.turn.address.conversationId,
          userId: payload.user.id,
          ...(read.turn.address.threadId ? { threadTs: read.turn.address.threadId } : {}),
        };
        await run(deps, 'shortcut', read.turn, deliver, place, (replies) =>
          requestedBy(replies, name, read.cut),
        );
      },
    );
  }
}

function explainingWhereItCannotPost(
  client: webApi.WebClient,
  turn: Turn,
  respond: RespondFn | undefined,
  logger: Logger,
): Deliver {
  const post = inThread(client, turn, logger);
  let told = false;
  return async (reply) => {
    try {
      return await post(reply);
    } catch (error) {
      if (!NOT_MEMBER.test(slackErrorCode(error))) throw error;
      if (told) return undefined;
      told = true;
      await tell(
        respond,
        'I cannot post in this conversation. Invite me first (/invite @georestore), or ask me in a direct message.',
        logger,
      );
      return undefined;
    }
  };
}

async function tell(respond: RespondFn | undefined, text: string, logger: Logger): Promise<void> {
  if (!respond) return;
  await respond({ response_type: 'ephemeral', replace_original: false, text }).catch((error: unknown) =>
    logger.warn({ code: slackErrorCode(error) }, 'slack.shortcut.respondFailed'),
  );
}
