import type { RespondFn, webApi } from '@slack/bolt';
import type { Reply, Turn, TurnHandler } from '../../bot/model.js';
import type { HomeSource } from '../../bot/ports/home.js';
import type { Logger } from '../../bot/ports/logger.js';
import type { StageTimer } from '../../bot/util/slow-turn.js';
import { postReply, respondReply } from './post-reply.js';
import { slackErrorCode } from './slack-error-code.js';
import { answerSlowly, type SlowTurnPlace } from './slow-turn-notice.js';
import type { NameOf } from './user-names.js';

/** A wait that can be called off once the answer beat it. */
export type AckDeadline = (ms: number) => { expired: Promise<void>; cancel(): void };

export const timerDeadline: AckDeadline = (ms) => {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { expired, cancel: () => clearTimeout(timer) };
};

/** When a turn that is still running shows that the bot is working, and says that it is slow. */
export interface SlowTurnTiming {
  /** The thread's status ("is working on it…") appears after this long. */
  statusAfterMs: number;
  /** A message saying the answer is taking a while, later edited into the answer, after this long. */
  noticeAfterMs: number;
  timer: StageTimer;
}

export interface ListenerDeps {
  handler: TurnHandler;
  logger: Logger;
  /** Turns still running after their ack, so that a shutdown can let them finish. */
  inFlight: Set<Promise<void>>;
  /** How long a slash command waits for its answer to go in the ack itself (keep it well under 3 s). */
  commandAckMs: number;
  /** Starts that wait; a real timer in production, something a test controls in tests. */
  ackDeadline: AckDeadline;
  slowTurn: SlowTurnTiming;
  /** The profile name of a user id (users.info, cached), for "Requested by …". */
  nameOf: NameOf;
  /** The App Home tab, when the composition root has one. */
  home?: HomeSource;
  /** The support channel: people's messages in its threads are relayed to a ticket's requester. */
  supportChannelId?: string;
}

export type Deliver = (reply: Reply) => Promise<unknown>;

/** Posts into the turn's conversation (its thread, if any); private replies only to the person. */
export function inThread(client: webApi.WebClient, turn: Turn, logger: Logger): Deliver {
  const target = {
    channel: turn.address.conversationId,
    userId: turn.user.id,
    ...(turn.address.threadId ? { threadTs: turn.address.threadId } : {}),
  };
  return (reply) => postReply(client, target, reply, logger);
}

export function viaRespond(respond: RespondFn, logger: Logger): Deliver {
  return (reply) => respondReply(respond, reply, logger);
}

export function track(deps: ListenerDeps, promise: Promise<void>): Promise<void> {
  const work = promise.finally(() => deps.inFlight.delete(work));
  deps.inFlight.add(work);
  return work;
}

/**
 * One turn to its end: the engine, then its replies. Where the bot posts into a conversation itself
 * (`place`), a slow turn shows a status on the thread and, slower still, a message it then edits into
 * the answer (slow-turn-notice.ts); a turn answered through a response_url shows neither.
 */
export function run(
  deps: ListenerDeps,
  source: string,
  turn: Turn,
  deliver: Deliver,
  place?: SlowTurnPlace,
  adjust: (replies: Reply[]) => Reply[] | Promise<Reply[]> = (replies) => replies,
): Promise<void> {
  const log = turnLogger(deps, turn, source);
  const answer = replyTo(deps, turn).then(adjust);
  const done = place
    ? answerSlowly(answer, place, deliver, deps.slowTurn, log)
    : answer.then((replies) => deliverAll(replies, deliver, log));
  return track(deps, done);
}

export function turnLogger(deps: ListenerDeps, turn: Turn, source: string): Logger {
  const log = deps.logger.child({ channel: 'slack', conversationId: turn.address.conversationId });
  log.info({ source, action: turn.action?.id }, 'slack.turn');
  return log;
}

/** The engine's replies: it is the turn's error boundary and never rejects (a failure is its apology). */
export async function replyTo(deps: ListenerDeps, turn: Turn): Promise<Reply[]> {
  return await deps.handler.handle(turn);
}

export async function deliverAll(replies: Reply[], deliver: Deliver, log: Logger): Promise<void> {
  for (const reply of replies) {
    try {
      await deliver(reply);
    } catch (error) {
      log.error({ kind: reply.kind, code: slackErrorCode(error) }, 'slack.reply.failed');
    }
  }
}
