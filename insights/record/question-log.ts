import type { Channel } from '../../bot/model.js';
import type { Considered } from '../../bot/ports/insights.js';
import type { Store } from '../../bot/ports/store.js';
import { updateDoc } from '../../bot/util/update-doc.js';
import { logKey, pagesPerDay, questionsPerPage } from './insights-keys.js';
import { KeyedBatcher } from './keyed-batcher.js';

/** A question the bot could not answer outright, as the insights keep it. */
export type LoggedQuestion = {
  id: string;
  at: string;
  channel: Channel;
  /** The asker's pseudonym (see Pseudonyms). */
  who: string;
  outcome: 'clarify' | 'nomatch' | 'handoff' | 'declined';
  text: string;
  considered: Considered[];
  notCovered?: string;
};

export type LogPage = { items: LoggedQuestion[] };

/**
 * A day's questions in pages of a hundred, appended with eTag retries (several replicas append to the
 * same page) and batched per day in this process. Past the day's last page, a question is only counted.
 */
export class QuestionLog {
  private readonly batcher: KeyedBatcher<LoggedQuestion>;
  /** The first page of each day that may still have room, as far as this process knows. */
  private readonly pageOf = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly ttlOf: (day: string) => number,
    private readonly dropped: (day: string, items: LoggedQuestion[]) => Promise<void>,
  ) {
    this.batcher = new KeyedBatcher((day, items) => this.append(day, items));
  }

  add(day: string, question: LoggedQuestion): Promise<void> {
    return this.batcher.add(day, question);
  }

  idle(): Promise<void> {
    return this.batcher.idle();
  }

  private async append(day: string, items: LoggedQuestion[]): Promise<void> {
    let rest = items;
    let page = this.pageOf.get(day) ?? 0;
    while (rest.length > 0 && page < pagesPerDay) {
      let taken = 0;
      await updateDoc<LogPage>(
        this.store,
        logKey(day, page),
        (current) => {
          const kept = current?.items ?? [];
          const room = questionsPerPage - kept.length;
          taken = Math.max(0, Math.min(room, rest.length));
          return taken === 0 ? undefined : { items: [...kept, ...rest.slice(0, taken)] };
        },
        { ttlMs: this.ttlOf(day), attempts: 20 },
      );
      rest = rest.slice(taken);
      if (rest.length > 0) page++;
    }
    if (this.pageOf.size > 8) this.pageOf.clear();
    this.pageOf.set(day, page);
    if (rest.length > 0) await this.dropped(day, rest);
  }
}
