import type { Store } from '../../bot/ports/store.js';
import { updateDoc } from '../../bot/util/update-doc.js';
import type { AuditEntry } from './audit.js';

/** One row of a day's audit index: enough to list and link it without reading the row. */
export type AuditIndexRow = {
  key: string;
  kind: AuditEntry['kind'];
  at: string;
  channel: string;
  outcome: string;
  server?: string;
};

/**
 * `audit-day/<YYYY-MM-DD>`: how many rows of each kind and channel the audit log got that day, and the
 * first rows themselves, so that a day of the log is read without listing the whole log (which is
 * kept for good). Kept for good too, like the log it indexes.
 */
export type AuditDayIndex = { counts: Record<string, number>; rows: AuditIndexRow[] };

export const auditDayPrefix = 'audit-day/';
export const auditDayKey = (day: string) => `${auditDayPrefix}${day}`;
export const auditCountKey = (kind: string, channel: string) => `${kind}|${channel}`;
/** Rows listed per day; beyond them a day's rows are only counted. */
export const auditRowsPerDay = 500;

/** Adds a written row to its day's index; a row already there (a retried append) is not counted twice. */
export async function indexAuditRow(store: Store, key: string, row: AuditEntry): Promise<void> {
  const channel = row.askedBy?.channel ?? row.confirmedBy?.channel ?? 'unknown';
  const server = row.server?.split('/').at(-1);
  const entry: AuditIndexRow = {
    key,
    kind: row.kind,
    at: row.at,
    channel,
    outcome: row.outcome,
    ...(server ? { server } : {}),
  };
  await updateDoc<AuditDayIndex>(store, auditDayKey(row.at.slice(0, 10)), (day) => {
    const index = day ?? { counts: {}, rows: [] };
    if (index.rows.some((r) => r.key === key)) return undefined;
    const count = auditCountKey(row.kind, channel);
    return {
      counts: { ...index.counts, [count]: (index.counts[count] ?? 0) + 1 },
      rows: index.rows.length < auditRowsPerDay ? [...index.rows, entry] : index.rows,
    };
  });
}
