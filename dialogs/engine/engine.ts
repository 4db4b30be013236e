import { isBotError } from '../../bot/errors.js';
import { Actions, type Reply, type Turn, type TurnHandler } from '../../bot/model.js';
import type { Clock, Ids } from '../../bot/ports/clock.js';
import type { TurnOutcome, TurnRecorder } from '../../bot/ports/insights.js';
import type { Logger } from '../../bot/ports/logger.js';
import type { Store } from '../../bot/ports/store.js';
import { maxTurnChars } from '../../bot/text/user-text.js';
import { createKeyedSerializer } from '../../bot/util/keyed-serializer.js';
import type { MatchResult } from '../../knowledge/matcher.js';
import { apologyReply, helpReply, info, staleButtonReply } from '../common/replies.js';
import { type ConversationState, emptyState, remember, stateKey } from './conversation-state.js';
import type { Dialog, DialogContext, TurnGate } from './dialog.js';
import { globalCommand } from './global-commands.js';
import type { KnowledgeBase } from './knowledge-base.js';

export interface EngineDeps {
  kb: KnowledgeBase;
  store: Store;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /** Dialogs routed to by intent, by action prefix, or as the active dialog. */
  dialogs: Dialog[];
  /** Takes every match no dialog owns: the FAQ (an answer, "did you mean", or no match). */
  fallback: Dialog;
  /** Silence and relay while a person owns the conversation (configured with a support channel). */
  gate?: TurnGate;
  /** Told how each turn ended (the insights); a failure to record is logged, the turn stands. */
  recorder?: TurnRecorder;
  /** A conversation's state is removed this long after its last turn (kept while a ticket or restore holds it). */
  conversationTtlMs?: number;
  /** How a save conflict's back-off is waited; real timers by default. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Attempts at saving a turn's state when another replica or turn wrote it meanwhile: the turn is run
 * again on the fresh state after a jittered back-off (about 10, 20, 40, 80, 160 ms), so that a burst
 * of clicks on two replicas sorts itself out instead of telling people to try again.
 */
const saveAttempts = 6;
const backoffMs = (attempt: number) => Math.round((0.5 + Math.random()) * 10 * 2 ** (attempt - 1));
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const helpExamples = ['what-is-geo-backup', 'how-to-geo-restore', 'rpo-rto', 'crr-overview'];

export function tooLongReply(length: number): Reply {
  return info(
    `That message is too long for me: ${length.toLocaleString('en-US')} characters, and I read up to ${maxTurnChars.toLocaleString('en-US')}. Please send a shorter question: what you are trying to do and the error message, if there is one.`,
  );
}

/**
 * The channel-neutral engine: one turn of plain text in (the edges clean it once), replies out, state
 * saved with optimistic concurrency. It is the turn's one error boundary: whatever fails, the person
 * gets the one apology and the log one `turn.failed` line with the error's code.
 */
export function createEngine(deps: EngineDeps): TurnHandler {
  const dialogs = [...deps.dialogs, deps.fallback];
  const byIntent = (intent: string) => deps.dialogs.find((d) => d.intents?.includes(intent));
  const byAction = (id: string) => dialogs.find((d) => d.actionPrefix && id.startsWith(d.actionPrefix));
  const help = () => helpReply(helpExamples.flatMap((id) => deps.kb.entry(id) ?? []));
  const serial = createKeyedSerializer();

  async function route(ctx: DialogContext): Promise<Reply[]> {
    const { turn, state } = ctx;
    const action = turn.action;
    if (action) {
      if (action.id === Actions.help) return [help()];
      if (action.id === Actions.cancel || action.id === Actions.startOver)
        return command(ctx, action.id === Actions.cancel ? 'cancel' : 'start-over');
      const owner = byAction(action.id);
      return owner?.onAction ? owner.onAction(ctx, action) : [staleButtonReply()];
    }
    if (turn.text === '') return [help()];
    const cmd = globalCommand(turn.text);
    if (cmd) return cmd === 'help' ? [help()] : command(ctx, cmd);
    const active = state.active ? dialogs.find((d) => d.id === state.active?.dialog) : undefined;
    const continued = active?.continue ? await active.continue(ctx) : undefined;
    if (continued) return continued;

    const match = deps.kb.match(turn.text);
    ctx.outcome = askOf(match, turn.text);
    ctx.log.info(
      { outcome: match.outcome, intent: match.intent, score: Number(match.confidence.toFixed(3)) },
      'kb.match',
    );
    const owner = match.outcome === 'answer' && match.intent ? byIntent(match.intent) : undefined;
    if (!owner) return deps.fallback.begin(ctx, match);
    state.misses = 0;
    return owner.begin(ctx, match);
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

  async function record(ctx: DialogContext, log: Logger): Promise<void> {
    if (!ctx.outcome || !deps.recorder) return;
    const { turn } = ctx;
    try {
      await deps.recorder.record(
        { at: ctx.now, channel: turn.address.channel, userId: turn.user.id },
        ctx.outcome,
      );
    } catch (err) {
      log.warn({ err, code: codeOf(err) }, 'insights.unrecorded');
    }
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
      const ttl = deps.conversationTtlMs ? { ttlMs: deps.conversationTtlMs } : {};
      try {
        await deps.store.write(key, state, doc ? { eTag: doc.eTag, ...ttl } : { ifAbsent: true, ...ttl });
        await record(ctx, log);
        return replies;
      } catch (err) {
        if (ctx.committed) {
          log.warn({ err, code: codeOf(err) }, 'state.unsaved.afterCommit');
          await record(ctx, log);
          return replies;
        }
        if (!isBotError(err, 'store.conflict') || attempt >= saveAttempts) throw err;
        log.warn({ attempt }, 'state.conflict');
        await (deps.sleep ?? realSleep)(backoffMs(attempt));
      }
    }
  }

  return {
    async handle(turn: Turn): Promise<Reply[]> {
      const log = deps.logger.child({
        channel: turn.address.channel,
        conversationId: turn.address.conversationId,
      });
      if (turn.text.length > maxTurnChars) {
        log.info({ chars: turn.text.length }, 'turn.tooLong');
        return [tooLongReply(turn.text.length)];
      }
      try {
        return await serial.run(
          stateKey(turn.address, turn.user.id),
          async () => (await deps.gate?.intercept(turn, log)) ?? handleOnce(turn, log),
        );
      } catch (err) {
        log.error({ err, code: codeOf(err) }, 'turn.failed');
        const storage = isBotError(err, 'store.unavailable') || isBotError(err, 'store.conflict');
        return [apologyReply(storage ? 'storage' : 'internal')];
      }
    },
  };
}

const codeOf = (err: unknown) => (isBotError(err) ? err.code : 'internal');

/** A question as the matcher saw it; the dialog that answers may refine it (a miss, a ticket). */
function askOf(match: MatchResult, text: string): TurnOutcome {
  // A topic only where the matcher was sure enough to answer or to offer it: a miss is about no entry.
  const topic = match.outcome === 'nomatch' ? undefined : (match.intent ?? match.candidates[0]?.id);
  return {
    kind: 'ask',
    outcome: match.outcome === 'answer' ? 'answered' : match.outcome,
    text,
    ...(topic ? { topic } : {}),
    considered: match.candidates.map((c) => ({ id: c.id, score: Number(c.confidence.toFixed(3)) })),
    ...(match.notCovered ? { notCovered: match.notCovered.id } : {}),
  };
}
