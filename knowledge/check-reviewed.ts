import type { Entry } from './entry-schema.js';
import type { KnowledgeErrors } from './load-knowledge.js';

/** The first day on which an entry reviewed on `reviewed` (YYYY-MM-DD) counts as stale. */
export function staleFrom(reviewed: string): string {
  const [y, m, d] = reviewed.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + 1, m - 1, d)).toISOString().slice(0, 10);
}

/**
 * An answer checked against its sources more than twelve months ago may no longer say what Microsoft
 * documents (the firewall fact changed within a year). `today` is passed in, so the check does not
 * depend on the clock it runs under.
 */
export function checkReviewed(entries: Iterable<Entry>, today: string, errors: KnowledgeErrors): void {
  for (const entry of entries) {
    const file = `${entry.id}.yaml`;
    if (entry.reviewed > today) {
      errors.add(file, 'reviewed', `${entry.reviewed} is after today (${today})`);
    } else if (staleFrom(entry.reviewed) <= today) {
      errors.add(
        file,
        'reviewed',
        `stale: last reviewed ${entry.reviewed}, more than twelve months before ${today}; ` +
          'check the answer against its sources and set the date of that review',
      );
    }
  }
}
