import type { Reply, TurnHandler } from '../../bot/model.js';
import type { Logger } from '../../bot/ports/logger.js';
import type { Messenger, SentMessage } from '../../bot/ports/messenger.js';
import { requestedBy } from '../../bot/text/quoted-message.js';
import { type StageTimer, withSlowStages } from '../../bot/util/slow-turn.js';
import { escapeCardText } from './card-text.js';
import { ASK_COMMAND, type MessageAction } from './message-action.js';
import { CARD_CONTENT_TYPE } from './render-card.js';

/** Said when an answer takes long (a live check waiting on Azure), then replaced by the answer. */
export const slowNotice: Reply = {
  kind: 'progress',
  text: 'This is taking longer than usual: I am still waiting for an answer from Azure. I will put the result in this message.',
};

const EXCERPT = 300;

/**
 * The dialog Teams shows for `composeExtension/fetchTask`: what will happen, where, and the message
 * read, with one button; its `Action.Submit` comes back as `composeExtension/submitAction`.
 */
export function messageActionTask(action: MessageAction): unknown {
  const ask = action.command === ASK_COMMAND;
  const text = action.turn.text;
  const excerpt = text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text;
  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      {
        type: 'TextBlock',
        wrap: true,
        text: ask
          ? 'I will answer this message in its reply chain, where everyone in the conversation can read it.'
          : 'I will open a ticket for the support team with this message as the question. They answer in its reply chain.',
      },
      { type: 'TextBlock', wrap: true, isSubtle: true, text: escapeCardText(excerpt) },
    ],
    actions: [
      {
        type: 'Action.Submit',
        title: ask ? 'Answer it' : 'Open a ticket',
        data: { grbCommand: action.command },
      },
    ],
  };
  return {
    task: {
      type: 'continue',
      value: {
        title: ask ? 'Ask GeoRestore' : 'Open a support ticket',
        width: 'medium',
        height: 'small',
        card: { contentType: CARD_CONTENT_TYPE, content: card },
      },
    },
  };
}

/** The dialog for a message action on a message without text: a message, and nothing is posted. */
export const noTextTask = { task: { type: 'message', value: 'That message has no text for me to read.' } };

export interface MessageActionDeps {
  handler: TurnHandler;
  messenger: Messenger;
  /** A message saying the answer is slow, later edited into it, after this long. */
  noticeAfterMs: number;
  stageTimer: StageTimer;
  log: Logger;
}

/**
 * A submitted message action, answered after its invoke (Teams waits five seconds for that, a live
 * check can take longer): the engine's replies go proactively into the message's reply chain, the first
 * one everyone sees naming who asked; a slow answer first says so in a message it then replaces.
 */
export async function answerMessageAction(deps: MessageActionDeps, action: MessageAction): Promise<void> {
  const { turn } = action;
  let notice: SentMessage | undefined;
  const stage = {
    afterMs: deps.noticeAfterMs,
    run: async () => {
      notice = await deps.messenger.send(turn.address, slowNotice);
    },
  };
  const answered = await withSlowStages(deps.handler.handle(turn), [stage], deps.stageTimer);
  const replies = requestedBy(answered, turn.user.displayName ?? 'someone', action.cut);
  const [first, ...rest] = replies;
  try {
    if (notice && first) await deps.messenger.update(notice, first);
    for (const reply of notice && first ? rest : replies) await deps.messenger.send(turn.address, reply);
  } catch (err) {
    deps.log.error({ err }, 'teams.messageAction.sendFailed');
  }
}
