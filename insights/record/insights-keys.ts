/**
 * Where the insights live in the store. Every document is per day and expires with the retention:
 * `insights/day/<YYYY-MM-DD>` holds the day's counters and bounded samples; `insights/log/<day>/<page>`
 * the questions the bot could not answer outright, a hundred to a page, twenty pages a day at most.
 */
export const dayMs = 24 * 60 * 60 * 1000;
export const insightsPrefix = 'insights/';
export const figuresKey = (day: string) => `insights/day/${day}`;
export const logKey = (day: string, page: number) => `insights/log/${day}/${String(page).padStart(3, '0')}`;
/** The pseudonym key the bot made itself when INSIGHTS_PSEUDONYM_KEY is not set. */
export const pseudonymKeyDoc = 'insights/pseudonym-key';

export const questionsPerPage = 100;
export const pagesPerDay = 20;
/** Samples of time to claim and to resolve kept per day; percentiles over more days draw on them all. */
export const samplesPerDay = 1000;
/** Resolved tickets listed per day (for "draft an entry" from a ticket). */
export const resolvedPerDay = 200;
/** A question's text is kept up to this many characters, as the conversation's transcript keeps it. */
export const questionChars = 500;

/** The UTC day of a moment, `YYYY-MM-DD`. */
export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

/** The days of a period ending today (UTC), oldest first. */
export function daysEnding(now: Date, days: number): string[] {
  const today = Date.parse(dayOf(now));
  return Array.from({ length: days }, (_, i) => dayOf(new Date(today - (days - 1 - i) * dayMs)));
}

/** How long a day's documents live from now: to the end of the day plus the retention. */
export function ttlOfDay(day: string, retentionMs: number, now: Date): number {
  return Date.parse(day) + dayMs + retentionMs - now.getTime();
}
