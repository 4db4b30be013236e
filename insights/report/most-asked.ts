import type { Store } from '../../bot/ports/store.js';
import type { DayFigures } from '../record/day-figures.js';
import { daysEnding, figuresKey } from '../record/insights-keys.js';

/**
 * The entries asked about most over the last `days` (every channel), most first, ties by id so the order
 * is stable: read from the day figures the recorder keeps anyway, one document per day.
 */
export async function mostAskedTopics(store: Store, now: Date, days: number, n: number): Promise<string[]> {
  const figures = await Promise.all(
    daysEnding(now, days).map((day) => store.read<DayFigures>(figuresKey(day))),
  );
  const asked = new Map<string, number>();
  for (const doc of figures) {
    for (const [key, count] of Object.entries(doc?.value.counts ?? {})) {
      const [kind, topic, metric] = key.split('|');
      if (kind === 'topic' && topic && metric === 'asked') asked.set(topic, (asked.get(topic) ?? 0) + count);
    }
  }
  return [...asked]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, n)
    .map(([id]) => id);
}
