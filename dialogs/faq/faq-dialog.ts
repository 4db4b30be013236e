import { isBotError } from '../../bot/errors.js';
import { Actions, type Json, type Reply } from '../../bot/model.js';
import type { Entry } from '../../knowledge/entry-schema.js';
import type { MatchResult } from '../../knowledge/matcher.js';
import { booleanField, stringField } from '../common/json-fields.js';
import { info, staleButtonReply } from '../common/replies.js';
import type { Dialog, DialogContext } from '../engine/dialog.js';
import type { KnowledgeBase } from '../engine/knowledge-base.js';
import { answerReply, clarifyReply, noMatchReply } from './faq-replies.js';

export const faqDialogId = 'faq';
const unansweredTextChars = 500;

export interface FaqOptions {
  /** 👍/👎 records are removed after this long (the insights retention); kept for ever without it. */
  feedbackTtlMs?: number;
}
const noMatch: MatchResult = { outcome: 'nomatch', intent: null, confidence: 0, candidates: [] };

/**
 * Answers from the knowledge base, asks "did you mean" when unsure, and counts misses: the engine's
 * fallback for every match no other dialog owns, and the owner of the `faq.` buttons (follow-ups,
 * "did you mean" choices, 👍/👎).
 */
export function faqDialog(kb: KnowledgeBase, options: FaqOptions = {}): Dialog {
  function answer(ctx: DialogContext, entry: Entry): Reply[] {
    ctx.state.misses = 0;
    delete ctx.state.lastMiss;
    delete ctx.state.active;
    const related = entry.followUps.flatMap((id) => kb.entry(id) ?? []);
    return [answerReply(entry, related, ctx.ids.next())];
  }

  function clarify(ctx: DialogContext, match: MatchResult): Reply[] {
    rememberMiss(ctx, match);
    const promptId = ctx.ids.next();
    ctx.state.active = {
      dialog: faqDialogId,
      step: 'clarify',
      promptId,
      question: ctx.turn.text.slice(0, unansweredTextChars),
      candidates: match.candidates.map((c) => c.id),
      scores: match.candidates.map((c) => Number(c.confidence.toFixed(3))),
    };
    return [clarifyReply(match.candidates, promptId)];
  }

  function miss(ctx: DialogContext, match: MatchResult): Reply[] {
    ctx.state.misses += 1;
    delete ctx.state.active;
    rememberMiss(ctx, match);
    // An entry the matcher named but the knowledge base no longer has is a miss too.
    if (ctx.outcome?.kind === 'ask') ctx.outcome = { ...ctx.outcome, outcome: 'nomatch' };
    return [noMatchReply(ctx.state.misses, match.notCovered)];
  }

  /** A "did you mean" button: acts only for the prompt it belongs to, so a second click does nothing twice. */
  async function pick(ctx: DialogContext, value: Json | undefined, none: boolean): Promise<Reply[]> {
    const active = ctx.state.active;
    const promptId = stringField(value, 'promptId');
    if (active?.dialog !== faqDialogId || promptId === undefined || active.promptId !== promptId)
      return [
        info('That choice was already made or has expired. Ask the question again if you still need it.'),
      ];
    if (none) {
      const question = typeof active.question === 'string' ? active.question : '';
      const offered = Array.isArray(active.candidates) ? active.candidates : [];
      const scores = Array.isArray(active.scores) ? active.scores : [];
      const considered = offered.flatMap((id, i) => {
        const score = scores[i];
        return typeof id === 'string' ? [{ id, score: typeof score === 'number' ? score : 0 }] : [];
      });
      if (question !== '') ctx.outcome = { kind: 'declined', text: question, considered };
      return miss(ctx, noMatch);
    }
    const entryId = stringField(value, 'entryId');
    if (entryId && kb.entry(entryId)) ctx.outcome = { kind: 'picked', topic: entryId };
    return show(ctx, value);
  }

  function show(ctx: DialogContext, value: Json | undefined): Reply[] {
    const entry = kb.entry(stringField(value, 'entryId') ?? '');
    return entry ? answer(ctx, entry) : [info('That topic is no longer in my knowledge base.')];
  }

  return {
    id: faqDialogId,
    actionPrefix: 'faq.',
    async begin(ctx, match) {
      if (match.outcome === 'clarify') return clarify(ctx, match);
      const entry = match.outcome === 'answer' ? kb.entry(match.intent ?? '') : undefined;
      return entry ? answer(ctx, entry) : miss(ctx, match);
    },
    async onAction(ctx, action) {
      switch (action.id) {
        case Actions.show:
          return show(ctx, action.value);
        case Actions.pick:
        case Actions.none:
          return pick(ctx, action.value, action.id === Actions.none);
        case Actions.feedback:
          return feedback(ctx, action.value, options.feedbackTtlMs);
      }
      return [staleButtonReply()];
    },
  };
}

/** The question and what the matcher considered, for a ticket if the user asks for a person next. */
function rememberMiss(ctx: DialogContext, match: MatchResult): void {
  if (ctx.turn.text === '') return;
  ctx.state.lastMiss = {
    question: ctx.turn.text.slice(0, unansweredTextChars),
    considered: match.candidates.slice(0, 5).map((c) => ({
      id: c.id,
      title: c.title,
      score: Number(c.confidence.toFixed(3)),
    })),
  };
}

/** 👍/👎, recorded once per answer and person. */
async function feedback(ctx: DialogContext, value: Json | undefined, ttlMs?: number): Promise<Reply[]> {
  const helpful = booleanField(value, 'helpful');
  const entryId = stringField(value, 'entryId') ?? 'unknown';
  if (helpful === undefined) return [info('I could not read that feedback.')];
  const answerId = stringField(value, 'answerId') ?? ctx.ids.next();
  const record = {
    entryId,
    helpful,
    comment: (stringField(value, 'comment', 10_000) ?? '').slice(0, 1000),
    userId: ctx.turn.user.id,
    channel: ctx.turn.address.channel,
    at: ctx.now.toISOString(),
  };
  try {
    await ctx.store.write(`feedback/${answerId}/${encodeURIComponent(ctx.turn.user.id)}`, record, {
      ifAbsent: true,
      ...(ttlMs ? { ttlMs } : {}),
    });
  } catch (err) {
    if (isBotError(err, 'store.conflict')) return [info('You already rated that answer. Thank you!')];
    throw err;
  }
  ctx.log.info({ entryId, helpful }, 'faq.feedback');
  ctx.outcome = { kind: 'rated', topic: entryId, helpful };
  if (helpful) return [info('Thanks for the feedback!')];
  ctx.state.lastUnhelpful = entryId;
  return [
    info('Sorry that did not help. You can rephrase the question, or I can bring in a person.', [
      { id: Actions.human, label: 'I still need help', style: 'primary' },
    ]),
  ];
}
