import type { InsightsReport } from './build-report.js';

export const csvFigures = ['daily', 'summary', 'topics', 'unanswered', 'restores', 'tickets'] as const;
export type CsvFigure = (typeof csvFigures)[number];

/**
 * RFC 4180 cells. A cell a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
 * apostrophe: the questions are what users typed.
 */
function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const table = (head: string[], rows: Array<Array<string | number | null | undefined>>) =>
  `${[head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;

/** One figure of the report as CSV, with a header row. */
export function reportCsv(report: InsightsReport, figure: CsvFigure): string {
  const s = report.summary;
  switch (figure) {
    case 'daily':
      return table(
        ['day', 'answered', 'did_you_mean', 'no_match', 'handed_to_a_person'],
        report.daily.map((d) => [d.day, d.answered, d.clarify, d.nomatch, d.handoff]),
      );
    case 'summary':
      return table(
        ['figure', 'value'],
        [
          ['from', report.period.from],
          ['to', report.period.to],
          ['channel', report.period.channel],
          ['questions', s.asks],
          ['answered', s.answered],
          ['did_you_mean', s.clarify],
          ['did_you_mean_picked', s.picked],
          ['did_you_mean_none_of_these', s.declined],
          ['no_match', s.nomatch],
          ['handed_to_a_person', s.handoff],
          ['deflection', s.deflection],
          ['escalations', s.escalations],
          ['tickets_opened', s.tickets.opened],
          ['tickets_claimed', s.tickets.claimed],
          ['tickets_resolved', s.tickets.resolved],
          ['tickets_reopened', s.tickets.reopened],
          ['time_to_claim_median_s', s.timeToClaim.medianSeconds],
          ['time_to_claim_p90_s', s.timeToClaim.p90Seconds],
          ['time_to_resolve_median_s', s.timeToResolve.medianSeconds],
          ['time_to_resolve_p90_s', s.timeToResolve.p90Seconds],
          ['questions_not_kept', s.unlogged],
        ],
      );
    case 'topics':
      return table(
        [
          'entry',
          'title',
          'questions',
          'thumbs_up',
          'thumbs_down',
          'did_you_mean',
          'tickets',
          'did_you_mean_share',
          'ticket_share',
        ],
        report.topics.map((t) => [
          t.id,
          t.title,
          t.asked,
          t.up,
          t.down,
          t.clarify,
          t.tickets,
          t.clarifyShare,
          t.ticketShare,
        ]),
      );
    case 'unanswered':
      return table(
        ['group', 'label', 'group_size', 'at', 'channel', 'outcome', 'question', 'nearest_entries'],
        report.clusters.flatMap((c) =>
          c.questions.map((q) => [
            c.id,
            c.label,
            c.count,
            q.at,
            q.channel,
            q.outcome,
            q.text,
            c.nearest.map((n) => n.id).join(' '),
          ]),
        ),
      );
    case 'restores':
      return table(
        ['at', 'kind', 'channel', 'server', 'outcome', 'audit_key'],
        report.restores.rows.map((r) => [r.at, r.kind, r.channel, r.server, r.outcome, r.key]),
      );
    case 'tickets':
      return table(
        ['resolved_at', 'ticket', 'channel', 'id'],
        report.resolvedTickets.map((t) => [t.at, t.ref, t.channel, t.id]),
      );
  }
}
