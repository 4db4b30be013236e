import { isBotError } from '../../bot/errors.js';
import { Actions, type Reply, type Turn, type TurnHandler } from '../../bot/model.js';
import type { Clock, Ids } from '../../bot/ports/clock.js';
import type { Logger } from '../../bot/ports/logger.js';
import type { Store } from '../../bot/ports/store.js';
import { cleanUserText, maxTurnChars } from '../../bot/text/user-text.js';
import { createKeyedSerializer } from '../../bot/util/keyed-serializer.js';
import { unconfiguredDialogs } from '../common/unconfigured-dialogs.js';
import { FaqDialog } from '../faq/faq-dialog.js';
import { helpReply, humanButton, info } from '../faq/faq-replies.js';
import type { HandoffGate } from '../handoff/handoff-relay.js';
import { type ConversationState, emptyState, remember, stateKey } from './conversation-state.js';
import type { Dialog, DialogContext } from './dialog.js';
import { globalCommand } from './global-commands.js';
import type { KnowledgeBase } from './knowledge-base.js';

export interface EngineDeps {
  kb: KnowledgeBase;
  store: Store;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /** Dialogs for the action intents; any intent left out gets its unconfigured behaviour. */
  dialogs?: Dialog[];
  /** Silence and relay while a person owns the conversation (configured with a support channel). */
  gate?: HandoffGate;
}

const saveAttempts = 3;
const helpExamples = ['what-is-geo-backup', 'how-to-geo-restore', 'rpo-rto', 'crr-overview'];

/** The channel-neutral engine: one turn in, replies out, state saved with optimistic concurrency. */
export function createEngine(deps: EngineDeps): TurnHandler {
  const faq = new FaqDialog(deps.kb);
  const defaults = unconfiguredDialogs(deps.kb);
  const dialogs = [
    ...(deps.dialogs ?? []),
    ...defaults.filter((d) => !deps.dialogs?.some((x) => x.id === d.id)),
  ];
  const byIntent = (intent: string) => dialogs.find((d) => d.intents?.includes(intent));
  const byAction = (id: string) => dialogs.find((d) => d.actionPrefix && id.startsWith(d.actionPrefix));
  const help = () => helpReply(helpExamples.map((id) => deps.kb.entry(id)).filter((e) => e !== undefined));
  const serial = createKeyedSerializer();

  async function route(ctx: DialogContext): Promise<Reply[]> {
    const { turn, state } = ctx;
    const action = turn.action;
    if (action) {
      switch (action.id) {
        case Actions.help:
          return [help()];
        case Actions.cancel:
        case Actions.startOver:
          return command(ctx, action.id === Actions.cancel ? 'cancel' : 'start-over');
        case Actions.show:
          return faq.show(ctx, action.value);
        case Actions.pick:
        case Actions.none:
          return faq.onPick(ctx, action.value, action.id === Actions.none);
        case Actions.feedback:
          return faq.feedback(ctx, action.value);
      }
      const owner = byAction(action.id);
      if (owner?.onAction) return owner.onAction(ctx, action);
      return [info('That button no longer does anything. Type help to see what I can do.')];
    }
    if (turn.text === '') return [help()];
    const cmd = globalCommand(turn.text);
    if (cmd) return cmd === 'help' ? [help()] : command(ctx, cmd);
    const active = state.active ? dialogs.find((d) => d.id === state.active?.dialog) : undefined;
    const continued = active?.continue ? await active.continue(ctx) : undefined;
    if (continued) return continued;

    const match = deps.kb.match(turn.text);
    ctx.log.info(
      { outcome: match.outcome, intent: match.intent, score: Number(match.confidence.toFixed(3)) },
      'kb.match',
    );
    if (match.outcome === 'nomatch') return faq.noMatch(ctx, match);
    if (match.outcome === 'clarify') return faq.clarify(ctx, match);
    const intentDialog = match.intent ? byIntent(match.intent) : undefined;
    if (intentDialog) {
      state.misses = 0;
      return intentDialog.begin(ctx, match);
    }
    const entry = deps.kb.entry(match.intent ?? '');
    return entry ? faq.answer(ctx, entry) : faq.noMatch(ctx, match);
  }

  function command(ctx: DialogContext, cmd: 'cancel' | 'start-over'): Reply[] {
    const hadActive = ctx.state.active !== undefined;
    delete ctx.state.active;
    if (cmd === 'start-over') {
      ctx.state.misses = 0;
      ctx.state.transcript = [];
      return [info('Starting over. Ask me anything about geo-restore, or type help.')];
    }
    return [
      info(
        hadActive
          ? 'Cancelled. What else can I help with?'
          : 'There was nothing to cancel. Ask me a question any time.',
      ),
    ];
  }

  async function handleOnce(turn: Turn, log: Logger): Promise<Reply[]> {
    const key = stateKey(turn.address, turn.user.id);
    for (let attempt = 1; ; attempt++) {
      const doc = await deps.store.read<ConversationState>(key);
      const state: ConversationState = doc?.value ?? emptyState();
      const ctx: DialogContext = {
        turn,
        state,
        now: deps.clock.now(),
        ids: deps.ids,
        log,
        store: deps.store,
      };
      const replies = await route(ctx);
      remember(state, 'user', turn.action ? `[clicked ${turn.action.id}]` : turn.text, ctx.now);
      for (const r of replies) remember(state, 'bot', r.summary ?? r.text, ctx.now);
      try {
        await deps.store.write(key, state, doc ? { eTag: doc.eTag } : { ifAbsent: true });
        return replies;
      } catch (err) {
        if (ctx.committed) {
          log.warn({ err, code: isBotError(err) ? err.code : 'internal' }, 'state.unsaved.afterCommit');
          return replies;
        }
        if (!isBotError(err, 'store.conflict') || attempt >= saveAttempts) throw err;
        log.warn({ attempt }, 'state.conflict');
      }
    }
  }

  return {
    async handle(raw: Turn): Promise<Reply[]> {
      const log = deps.logger.child({
        channel: raw.address.channel,
        conversationId: raw.address.conversationId,
      });
      if (raw.text.length > maxTurnChars) {
        log.info({ chars: raw.text.length }, 'turn.tooLong');
        return [
          info(
            `That message is too long for me (${raw.text.length.toLocaleString('en-US')} characters). Please ask one question in under ${maxTurnChars.toLocaleString('en-US')} characters.`,
          ),
        ];
      }
      const turn: Turn = { ...raw, text: cleanUserText(raw.text) };
      try {
        return await serial.run(
          stateKey(turn.address, turn.user.id),
          async () => (await deps.gate?.intercept(turn, log)) ?? handleOnce(turn, log),
        );
      } catch (err) {
        log.error({ err, code: isBotError(err) ? err.code : 'internal' }, 'turn.failed');
        const storage = isBotError(err, 'store.unavailable') || isBotError(err, 'store.conflict');
        return [
          {
            kind: 'error',
            text: storage
              ? 'I could not save our conversation just now, so nothing was done. Please try again in a moment.'
              : 'Something went wrong on my side while handling that. Please try again, or ask for a person.',
            buttons: [humanButton],
            personal: true,
          },
        ];
      }
    },
  };
}
