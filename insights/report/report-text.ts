import type { Durations, InsightsReport } from './build-report.js';

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Seconds as people read a wait: 45 s, 12 min, 3.5 h, 2.0 d. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

const times = (d: Durations) =>
  d.count === 0
    ? 'none yet'
    : `median ${duration(d.medianSeconds)}, p90 ${duration(d.p90Seconds)} (${d.count})`;

/** The report as plain text for a terminal (`npm run insights`). */
export function reportText(r: InsightsReport): string {
  const s = r.summary;
  const lines = [
    `Insights ${r.period.from} to ${r.period.to} (${r.period.days} days, channel: ${r.period.channel})`,
    '',
    `Questions: ${s.asks} — answered ${s.answered}, did you mean ${s.clarify} (then picked ${s.picked}, none of these ${s.declined}), no match ${s.nomatch}, handed to a person ${s.handoff}`,
    `Answered without a person: ${pct(s.deflection)}`,
    `Tickets: opened ${s.tickets.opened}, claimed ${s.tickets.claimed}, resolved ${s.tickets.resolved}, reopened ${s.tickets.reopened}`,
    `Time to claim: ${times(s.timeToClaim)}`,
    `Time to resolve: ${times(s.timeToResolve)}`,
    `Geo-restores: checked ${r.restores.checked}, started ${r.restores.started}, succeeded ${r.restores.succeeded}, failed ${r.restores.failed}`,
    '',
    'Topics (questions, 👍, 👎, did-you-mean share, ticket share):',
    ...r.topics.map(
      (t) => `  ${t.id}: ${t.asked}, ${t.up}, ${t.down}, ${pct(t.clarifyShare)}, ${pct(t.ticketShare)}`,
    ),
    '',
    'Unanswered questions, grouped:',
    ...r.clusters.flatMap((c) => [
      `  [${c.id}] ${c.label} — ${c.count} question(s) from ${c.people} person(s); nearest: ${c.nearest.map((n) => n.id).join(', ') || 'none'}`,
      ...c.typical.map((t) => `      “${t}”`),
    ]),
  ];
  if (s.unlogged > 0)
    lines.push('', `${s.unlogged} more question(s) were counted but not kept (the day's log was full).`);
  return `${lines.join('\n')}\n`;
}
