import type { TurnContext } from 'botbuilder';
import {
  Actions,
  type Address,
  type Json,
  type Reply,
  type Turn,
  type TurnHandler,
} from '../../bot/model.js';
import type { HomeSource } from '../../bot/ports/home.js';
import type { Logger } from '../../bot/ports/logger.js';
import type { Messenger } from '../../bot/ports/messenger.js';
import { type StageTimer, withSlowStages } from '../../bot/util/slow-turn.js';
import { addressOf } from './activity-address.js';
import type { CardLedger } from './card-ledger.js';
import type { CardSender } from './card-sender.js';
import { expiredCardReply, welcomeReply } from './edge-replies.js';
import { NO_TEXT } from './message-action.js';
import { answerMessageAction, messageActionTask, noTextTask, slowNotice } from './message-action-replies.js';
import { type Inbound, readActivity } from './read-activity.js';
import { CARD_CONTENT_TYPE, spendCard } from './render-card.js';
import { startTyping, type TypingTimer } from './typing.js';

export interface TeamsLogicDeps {
  handler: TurnHandler;
  sender: CardSender;
  ledger: CardLedger;
  log: Logger;
  /** A typing indicator appears once a turn has taken this long, then repeats every `typingEveryMs`. */
  typingDelayMs: number;
  typingEveryMs: number;
  /** Wall-clock timers unless a test injects its own. */
  typingTimer?: TypingTimer;
  /** SUPPORT_TEAMS_CHANNEL_ID: its threads are read without an @mention (see readActivity). */
  supportChannelId?: string;
  /** Proactive sends: a message action is answered after its invoke has been. */
  messenger: Messenger;
  /** A slow turn says so in a message after this long, then edits the answer into it. */
  noticeAfterMs: number;
  stageTimer: StageTimer;
  /** The personal chat's welcome and "help": what the bot can do and the person's own state. */
  home?: HomeSource;
}

type Click = Extract<Inbound, { kind: 'click' }>;
type Feedback = Extract<Inbound, { kind: 'feedback' }>;

/** The bot logic CloudAdapter runs for every authenticated activity. */
export function createTeamsLogic(deps: TeamsLogicDeps): (context: TurnContext) => Promise<void> {
  const read = deps.supportChannelId ? { supportChannelId: deps.supportChannelId } : {};
  const sendAll = async (context: TurnContext, address: Address, replies: Reply[], log: Logger) => {
    try {
      for (const reply of replies) await deps.sender.send(context, address.conversationId, reply);
    } catch (err) {
      log.error({ err }, 'teams.send.failed');
    }
  };

  /**
   * The engine's replies to a turn, with the typing indicator while it works; a slow one (a live check
   * waiting on Azure) also says so in one message, which the first reply then replaces.
   */
  const runTurn = async (context: TurnContext, turn: Turn, log: Logger) => {
    const stopTyping = startTyping(context, deps.typingDelayMs, deps.typingEveryMs, log, deps.typingTimer);
    let notice: string | undefined;
    const stage = {
      afterMs: deps.noticeAfterMs,
      run: async () => {
        notice = await deps.sender.send(context, turn.address.conversationId, slowNotice);
      },
    };
    let replies: Reply[];
    try {
      // The engine is the turn's error boundary: it answers every failure with its apology.
      replies = await homeForHelp(
        turn,
        await withSlowStages(deps.handler.handle(turn), [stage], deps.stageTimer),
      );
    } finally {
      await stopTyping();
    }
    const [first, ...rest] = replies;
    if (notice && first) {
      const edited = await deps.sender
        .update(context, turn.address.conversationId, notice, first)
        .then(() => true)
        .catch((err: unknown) => log.warn({ err }, 'teams.notice.updateFailed'));
      if (edited) replies = rest;
    }
    await sendAll(context, turn.address, replies, log);
  };

  /** In a personal chat, "help" shows the person's home (the same card as the welcome). */
  const homeForHelp = async (turn: Turn, replies: Reply[]): Promise<Reply[]> => {
    if (!deps.home || turn.address.direct !== true || replies.length !== 1 || replies[0]?.kind !== 'help')
      return replies;
    return [await deps.home.homeFor(turn)];
  };

  const onClick = async (context: TurnContext, click: Click, log: Logger) => {
    const record = await deps.ledger.find(click.click.card);
    if (record === undefined || record.conversationId !== click.turn.address.conversationId) {
      log.warn({ card: click.click.card }, 'teams.click.unknownCard');
      if (click.via === 'execute') await invokeResponse(context, 200, expiredMessage());
      else await sendAll(context, click.turn.address, [expiredCardReply], log);
      return;
    }
    const first = await deps.ledger.claim(click.click.card, click.click.button);
    const button = first ? click.click.button : ((await deps.ledger.claimedButton(click.click.card)) ?? -1);
    const spent = spendCard(record.card, noteFor(click.click.action, record.labels[button]));
    if (click.via === 'execute') {
      await invokeResponse(context, 200, { statusCode: 200, type: CARD_CONTENT_TYPE, value: spent });
    } else if (click.cardMessageId) {
      await deps.sender.replaceCard(context, click.cardMessageId, spent).catch((err: unknown) => {
        log.warn({ err }, 'teams.card.updateFailed');
      });
    }
    if (!first) {
      log.info({ card: click.click.card }, 'teams.click.duplicate');
      return;
    }
    await runTurn(context, click.turn, log);
  };

  const onFeedback = async (context: TurnContext, feedback: Feedback, log: Logger) => {
    const record = feedback.messageId ? await deps.ledger.findByMessage(feedback.messageId) : undefined;
    const known = record?.feedback;
    const value: { [key: string]: Json } = {
      ...(typeof known === 'object' && known !== null && !Array.isArray(known) ? known : {}),
      helpful: feedback.helpful,
      source: 'teams-feedback-loop',
      ...(feedback.comment ? { comment: feedback.comment } : {}),
    };
    await invokeResponse(context, 200, {});
    await runTurn(context, { ...feedback.turn, action: { id: Actions.feedback, value } }, log);
  };

  return async (context) => {
    const address = addressOf(context.activity);
    const inbound = readActivity(context.activity, read, address);
    const log = deps.log.child({ channel: 'teams', conversationId: address.conversationId });
    log.debug({ kind: inbound.kind, type: context.activity.type }, 'teams.activity');
    switch (inbound.kind) {
      case 'ignore':
        log.debug({ reason: inbound.reason }, 'teams.activity.ignored');
        // Our message action on a message with nothing to read (an image, a file): the dialog says so.
        if (inbound.reason === NO_TEXT) return invokeResponse(context, 200, noTextTask);
        // An invoke of a kind we serve but with data that is not ours: a 400 the client can show,
        // rather than botbuilder's 501 for an invoke nobody answered.
        if (context.activity.type === 'invoke' && OUR_INVOKES.has(context.activity.name ?? ''))
          await invokeResponse(context, 400, badInvokeBody);
        return;
      case 'welcome': {
        const personal = address.direct === true && deps.home !== undefined;
        const welcome = personal ? await deps.home?.homeFor(inbound) : undefined;
        return sendAll(context, address, [welcome ?? welcomeReply], log);
      }
      case 'messageAction':
        if (inbound.step === 'fetch') return invokeResponse(context, 200, messageActionTask(inbound));
        // Answered at once, which closes the dialog; the answer follows in the reply chain.
        await invokeResponse(context, 200, undefined);
        void answerMessageAction({ ...deps, log }, inbound).catch((err: unknown) =>
          log.error({ err }, 'teams.messageAction.failed'),
        );
        return;
      case 'message':
        return runTurn(context, inbound.turn, log);
      case 'click':
        return onClick(context, inbound, log);
      case 'feedback':
        return onFeedback(context, inbound, log);
    }
  };
}

function noteFor(action: string, label: string | undefined): string {
  if (action === Actions.feedback) return `Thanks for the feedback${label ? ` (${label})` : ''}.`;
  return label ? `Chosen: ${label}` : 'This card has been used.';
}

/** Invokes this bot answers; botbuilder answers any other with 501 Not Implemented. */
export const OUR_INVOKES = new Set([
  'adaptiveCard/action',
  'message/submitAction',
  'composeExtension/fetchTask',
  'composeExtension/submitAction',
]);

/** The Universal Actions error shape, for an invoke whose data is not a click or feedback of ours. */
const badInvokeBody = {
  statusCode: 400,
  type: 'application/vnd.microsoft.error',
  value: { code: 'BadRequest', message: 'This action is not one this bot offers.' },
};

/** The body Teams shows for an Action.Execute on a card we no longer know. */
function expiredMessage() {
  return {
    statusCode: 200,
    type: 'application/vnd.microsoft.activity.message',
    value: expiredCardReply.text,
  };
}

/** Left on the turn; CloudAdapter answers the invoke with it when the turn ends. */
async function invokeResponse(context: TurnContext, status: number, body: unknown): Promise<void> {
  await context.sendActivity({ type: 'invokeResponse', value: { status, body } });
}
