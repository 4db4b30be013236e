import type { Store } from '../../bot/ports/store.js';
import { type AuditDayIndex, auditDayKey } from '../../dialogs/common/audit-day-index.js';
import { type DayFigures, emptyDay } from '../record/day-figures.js';
import { daysEnding, figuresKey, logKey, pagesPerDay } from '../record/insights-keys.js';
import type { LoggedQuestion, LogPage } from '../record/question-log.js';

/** What a period is made of, read day by day: no listing of the store. */
export type PeriodData = {
  days: string[];
  figures: DayFigures[];
  questions: LoggedQuestion[];
  audit: AuditDayIndex[];
};

/** Days read at once: a 90-day page view is about 180 reads, a few at a time. */
const parallelDays = 6;

/**
 * Reads the days of a period ending today: each day's figures, its question log page by page until the
 * first missing page, and its audit index. Missing days read as empty.
 */
export async function readPeriod(store: Store, now: Date, days: number): Promise<PeriodData> {
  const list = daysEnding(now, days);
  const out: PeriodData = { days: list, figures: [], questions: [], audit: [] };
  for (let i = 0; i < list.length; i += parallelDays) {
    const chunk = await Promise.all(list.slice(i, i + parallelDays).map((day) => readDay(store, day)));
    for (const day of chunk) {
      out.figures.push(day.figures);
      out.questions.push(...day.questions);
      out.audit.push(day.audit);
    }
  }
  return out;
}

async function readDay(store: Store, day: string) {
  const [figures, audit, questions] = await Promise.all([
    store.read<DayFigures>(figuresKey(day)),
    store.read<AuditDayIndex>(auditDayKey(day)),
    readLog(store, day),
  ]);
  return {
    figures: figures?.value ?? emptyDay(),
    audit: audit?.value ?? { counts: {}, rows: [] },
    questions,
  };
}

async function readLog(store: Store, day: string): Promise<LoggedQuestion[]> {
  const out: LoggedQuestion[] = [];
  for (let page = 0; page < pagesPerDay; page++) {
    const doc = await store.read<LogPage>(logKey(day, page));
    if (!doc) break;
    out.push(...doc.value.items);
  }
  return out;
}
