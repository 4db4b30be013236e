import type { webApi } from '@slack/bolt';
import type { Reply } from '../../bot/model.js';
import type { Logger } from '../../bot/ports/logger.js';
import { withSlowStages } from '../../bot/util/slow-turn.js';
import { isPrivate, postReply, updateReply } from './post-reply.js';
import { slackErrorCode } from './slack-error-code.js';
import type { Deliver, SlowTurnTiming } from './slack-turn-runner.js';

/** Where a turn is answered by the bot's own posts: the conversation, its thread, the person. */
export interface SlowTurnPlace {
  client: webApi.WebClient;
  channel: string;
  threadTs?: string;
  userId: string;
}

export const STATUS_TEXT = 'is working on it…';

/** Said when the answer takes long (a live check waiting on Azure), then replaced by the answer. */
export const slowNotice: Reply = {
  kind: 'progress',
  text: 'This is taking longer than usual: I am still waiting for an answer from Azure. I will put the result in this message.',
};

/**
 * A slow turn in Slack. After `statusAfterMs` the thread shows the bot's status
 * (`assistant.threads.setStatus`, which takes the `chat:write` scope in any thread since 2026-03-05);
 * after `noticeAfterMs` one message says the answer is slow. When the answer comes, the first reply
 * everyone may see replaces that message (chat.update), the others are posted as usual, and the status
 * is cleared (Slack clears it on the bot's next post in the thread, but an edit or an ephemeral reply
 * is no post, so it is cleared explicitly). A quick turn does none of this.
 */
export async function answerSlowly(
  answer: Promise<Reply[]>,
  place: SlowTurnPlace,
  deliver: Deliver,
  timing: SlowTurnTiming,
  log: Logger,
): Promise<void> {
  let statusShown = false;
  let noticeTs: string | undefined;
  const status = (text: string) =>
    place.client.assistant.threads.setStatus({
      channel_id: place.channel,
      thread_ts: place.threadTs ?? '',
      status: text,
    });
  const stages = [
    ...(place.threadTs
      ? [
          {
            afterMs: timing.statusAfterMs,
            run: async () => {
              await status(STATUS_TEXT).then(
                () => {
                  statusShown = true;
                },
                (error: unknown) => log.warn({ code: slackErrorCode(error) }, 'slack.status.failed'),
              );
            },
          },
        ]
      : []),
    {
      afterMs: timing.noticeAfterMs,
      run: async () => {
        noticeTs = await postReply(place.client, place, slowNotice, log).catch((error: unknown) => {
          log.warn({ code: slackErrorCode(error) }, 'slack.notice.failed');
          return undefined;
        });
      },
    },
  ];
  const replies = await withSlowStages(answer, stages, timing.timer);
  const rest = noticeTs ? await replaceNotice(place, noticeTs, replies, log) : replies;
  for (const reply of rest) {
    try {
      await deliver(reply);
    } catch (error) {
      log.error({ kind: reply.kind, code: slackErrorCode(error) }, 'slack.reply.failed');
    }
  }
  if (statusShown)
    await status('').catch((error: unknown) =>
      log.warn({ code: slackErrorCode(error) }, 'slack.status.failed'),
    );
}

/** Puts the first public reply in place of the notice; returns what is left to post. */
async function replaceNotice(
  place: SlowTurnPlace,
  ts: string,
  replies: Reply[],
  log: Logger,
): Promise<Reply[]> {
  const i = replies.findIndex((r) => !isPrivate(r));
  const shown = replies[i];
  try {
    if (shown === undefined) {
      await place.client.chat.delete({ channel: place.channel, ts });
      return replies;
    }
    await updateReply(place.client, place.channel, ts, shown, log);
    return replies.filter((_r, j) => j !== i);
  } catch (error) {
    log.warn({ code: slackErrorCode(error) }, 'slack.notice.updateFailed');
    return replies;
  }
}
