import type { Ids } from '../../bot/ports/clock.js';
import type { Ticket } from '../../bot/ports/escalations.js';
import type {
  TicketChangeKind,
  TicketRecorder,
  TurnFacts,
  TurnOutcome,
  TurnRecorder,
} from '../../bot/ports/insights.js';
import type { Store } from '../../bot/ports/store.js';
import { updateDoc } from '../../bot/util/update-doc.js';
import { add, type Change, type DayFigures, emptyDay, ticketChange, turnChange } from './day-figures.js';
import { dayOf, figuresKey, questionChars, ttlOfDay } from './insights-keys.js';
import { KeyedBatcher } from './keyed-batcher.js';
import { withoutContacts } from './personal-data.js';
import { Pseudonyms } from './pseudonyms.js';
import { type LoggedQuestion, QuestionLog } from './question-log.js';

export interface StoreRecorderDeps {
  store: Store;
  ids: Ids;
  /** How long a day's figures and questions are kept after the day ends. */
  retentionMs: number;
  /** INSIGHTS_PSEUDONYM_KEY; without it a key is made and kept in the store. */
  pseudonymKey?: string;
  /** The time used for TTLs (the turn's own time decides the day). */
  now: () => Date;
}

/**
 * The insights over the Store: per-day counter documents (updated with eTag retries, so replicas add
 * up) and per-day bounded logs of the questions the bot could not answer outright, with the asker
 * pseudonymised. Writes of the same day are batched: at most one in flight per document and process.
 */
export class StoreRecorder implements TurnRecorder, TicketRecorder {
  private readonly figures: KeyedBatcher<Change>;
  private readonly questions: QuestionLog;
  private readonly pseudonyms: Pseudonyms;

  constructor(private readonly deps: StoreRecorderDeps) {
    const ttlOf = (day: string) => ttlOfDay(day, deps.retentionMs, deps.now());
    this.figures = new KeyedBatcher((day, changes) => this.applyAll(day, changes, ttlOf(day)));
    this.questions = new QuestionLog(deps.store, ttlOf, (day, items) =>
      this.figures.add(day, (d) => {
        for (const q of items) add(d, `unlogged|${q.channel}`);
      }),
    );
    this.pseudonyms = new Pseudonyms(deps.store, deps.pseudonymKey);
  }

  async record(turn: TurnFacts, outcome: TurnOutcome): Promise<void> {
    const day = dayOf(turn.at);
    const counted = this.figures.add(day, turnChange(turn.channel, outcome));
    const logged = this.loggable(outcome)
      ? this.pseudonyms
          .of(turn.channel, turn.userId)
          .then((who) => this.questions.add(day, this.entry(turn, who, outcome)))
      : undefined;
    await Promise.all([counted, logged]);
  }

  async ticketChanged(what: TicketChangeKind, ticket: Ticket, at: Date): Promise<void> {
    await this.figures.add(dayOf(at), ticketChange(what, ticket));
  }

  /** Resolves once every write under way has landed (tests; shutdown). */
  async idle(): Promise<void> {
    await this.questions.idle();
    await this.figures.idle();
  }

  private loggable(outcome: TurnOutcome): boolean {
    return outcome.kind === 'declined' || (outcome.kind === 'ask' && outcome.outcome !== 'answered');
  }

  private entry(turn: TurnFacts, who: string, outcome: TurnOutcome): LoggedQuestion {
    const asked = outcome.kind === 'ask' || outcome.kind === 'declined' ? outcome : undefined;
    return {
      id: this.deps.ids.next(),
      at: turn.at.toISOString(),
      channel: turn.channel,
      who,
      outcome: outcome.kind === 'ask' && outcome.outcome !== 'answered' ? outcome.outcome : 'declined',
      text: withoutContacts(asked?.text ?? '').slice(0, questionChars),
      considered: (asked?.considered ?? []).slice(0, 3),
      ...(outcome.kind === 'ask' && outcome.notCovered ? { notCovered: outcome.notCovered } : {}),
    };
  }

  private async applyAll(day: string, changes: Change[], ttlMs: number): Promise<void> {
    await updateDoc<DayFigures>(
      this.deps.store,
      figuresKey(day),
      (current) => {
        const next = current ?? emptyDay();
        for (const change of changes) change(next);
        return next;
      },
      { ttlMs, attempts: 20 },
    );
  }
}
