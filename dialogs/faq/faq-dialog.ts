import { Actions, type Json, type Reply } from '../../bot/model.js';
import type { Entry } from '../../knowledge/entry-schema.js';
import type { MatchResult } from '../../knowledge/matcher.js';
import type { DialogContext } from '../engine/dialog.js';
import type { KnowledgeBase } from '../engine/knowledge-base.js';
import { answerReply, clarifyReply, info, noMatchReply } from './faq-replies.js';

const unansweredTextChars = 500;

const field = (value: Json | undefined, name: string): Json | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? value[name] : undefined;
const stringField = (value: Json | undefined, name: string): string | undefined => {
  const v = field(value, name);
  return typeof v === 'string' ? v : undefined;
};

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

/** Answers from the knowledge base, asks "did you mean" when unsure, and counts misses. */
export class FaqDialog {
  constructor(private readonly kb: KnowledgeBase) {}

  answer(ctx: DialogContext, entry: Entry): Reply[] {
    ctx.state.misses = 0;
    delete ctx.state.lastMiss;
    delete ctx.state.active;
    const related = entry.followUps.map((id) => this.kb.entry(id)).filter((e): e is Entry => e !== undefined);
    return [answerReply(entry, related, ctx.ids.next())];
  }

  clarify(ctx: DialogContext, match: MatchResult): Reply[] {
    rememberMiss(ctx, match);
    const promptId = ctx.ids.next();
    ctx.state.active = {
      dialog: 'clarify',
      promptId,
      question: ctx.turn.text.slice(0, unansweredTextChars),
      candidates: match.candidates.map((c) => c.id),
    };
    return [clarifyReply(match.candidates, promptId)];
  }

  async noMatch(ctx: DialogContext, match: MatchResult): Promise<Reply[]> {
    ctx.state.misses += 1;
    delete ctx.state.active;
    rememberMiss(ctx, match);
    await this.recordUnanswered(ctx, ctx.turn.text, match);
    return [noMatchReply(ctx.state.misses, match.notCovered)];
  }

  /** A "did you mean" button: acts only for the prompt it belongs to, so a second click does nothing twice. */
  async onPick(ctx: DialogContext, value: Json | undefined, none: boolean): Promise<Reply[]> {
    const active = ctx.state.active;
    const promptId = stringField(value, 'promptId');
    if (active?.dialog !== 'clarify' || promptId === undefined || active.promptId !== promptId) {
      return [
        info('That choice was already made or has expired. Ask the question again if you still need it.'),
      ];
    }
    if (none) {
      const question = typeof active.question === 'string' ? active.question : '';
      return this.noMatch(ctx, { outcome: 'nomatch', intent: null, confidence: 0, candidates: [] }).then(
        async (r) => {
          if (question) await this.recordUnanswered(ctx, question, undefined, 'none-of-these');
          return r;
        },
      );
    }
    const entry = this.kb.entry(stringField(value, 'entryId') ?? '');
    return entry ? this.answer(ctx, entry) : [info('That topic is no longer in my knowledge base.')];
  }

  show(ctx: DialogContext, value: Json | undefined): Reply[] {
    const entry = this.kb.entry(stringField(value, 'entryId') ?? '');
    return entry ? this.answer(ctx, entry) : [info('That topic is no longer in my knowledge base.')];
  }

  /** 👍/👎, recorded once per answer and person. */
  async feedback(ctx: DialogContext, value: Json | undefined): Promise<Reply[]> {
    const helpful = field(value, 'helpful');
    const entryId = stringField(value, 'entryId') ?? 'unknown';
    if (typeof helpful !== 'boolean') return [info('I could not read that feedback.')];
    const answerId = stringField(value, 'answerId') ?? ctx.ids.next();
    const record = {
      entryId,
      helpful,
      comment: (stringField(value, 'comment') ?? '').slice(0, 1000),
      userId: ctx.turn.user.id,
      channel: ctx.turn.address.channel,
      at: ctx.now.toISOString(),
    };
    try {
      await ctx.store.write(`feedback/${answerId}/${encodeURIComponent(ctx.turn.user.id)}`, record, {
        ifAbsent: true,
      });
    } catch (err) {
      if ((err as { code?: string }).code === 'store.conflict')
        return [info('You already rated that answer. Thank you!')];
      throw err;
    }
    ctx.log.info({ entryId, helpful }, 'faq.feedback');
    if (helpful) return [info('Thanks for the feedback!')];
    ctx.state.lastUnhelpful = entryId;
    return [
      info('Sorry that did not help. You can rephrase the question, or I can bring in a person.', [
        { id: Actions.human, label: 'I still need help', style: 'primary' },
      ]),
    ];
  }

  private async recordUnanswered(
    ctx: DialogContext,
    text: string,
    match?: MatchResult,
    reason = 'no-match',
  ): Promise<void> {
    const key = `unanswered/${ctx.now.toISOString()}/${ctx.ids.next()}`;
    await ctx.store.write(key, {
      text: text.slice(0, unansweredTextChars),
      reason,
      channel: ctx.turn.address.channel,
      candidates: (match?.candidates ?? []).map((c) => ({
        id: c.id,
        confidence: Number(c.confidence.toFixed(3)),
      })),
      notCovered: match?.notCovered?.id ?? null,
    });
  }
}
