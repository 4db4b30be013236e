import type { Channel } from '../../bot/model.js';
import { askOutcomes } from '../../bot/ports/insights.js';
import type { AuditIndexRow } from '../../dialogs/common/audit-day-index.js';
import { percentile } from '../../knowledge/evaluate.js';
import type { ResolvedTicket, Sample } from '../record/day-figures.js';
import { type ClusterDeps, clusterQuestions, type QuestionCluster } from './cluster-questions.js';
import type { PeriodData } from './read-period.js';

export type ChannelFilter = 'all' | Channel;
export const channelFilters: readonly ChannelFilter[] = ['all', 'teams', 'slack', 'console'];
export const periods = [7, 30, 90] as const;

export type Durations = { count: number; medianSeconds: number | null; p90Seconds: number | null };
export type DayRow = { day: string; answered: number; clarify: number; nomatch: number; handoff: number };
export type TopicRow = {
  id: string;
  title: string;
  asked: number;
  up: number;
  down: number;
  clarify: number;
  tickets: number;
  /** Share of the topic's questions that ended in "did you mean", and in a ticket. */
  clarifyShare: number;
  ticketShare: number;
};

export type InsightsReport = {
  period: { days: number; from: string; to: string; channel: ChannelFilter };
  daily: DayRow[];
  summary: {
    asks: number;
    answered: number;
    clarify: number;
    nomatch: number;
    handoff: number;
    /** "Did you mean" answered with a choice, and with "none of these". */
    picked: number;
    declined: number;
    /** (answered + picked) / asks: questions answered without a person. */
    deflection: number;
    escalations: number;
    tickets: { opened: number; claimed: number; resolved: number; reopened: number };
    timeToClaim: Durations;
    timeToResolve: Durations;
    /** Questions past a day's log, counted but not kept. */
    unlogged: number;
  };
  topics: TopicRow[];
  clusters: QuestionCluster[];
  restores: { checked: number; started: number; succeeded: number; failed: number; rows: AuditIndexRow[] };
  resolvedTickets: ResolvedTicket[];
};

const share = (part: number, whole: number) => (whole === 0 ? 0 : Number((part / whole).toFixed(3)));

function durations(samples: Sample[]): Durations {
  const sorted = samples.map((s) => s.s).sort((a, b) => a - b);
  if (sorted.length === 0) return { count: 0, medianSeconds: null, p90Seconds: null };
  return {
    count: sorted.length,
    medianSeconds: percentile(sorted, 0.5),
    p90Seconds: percentile(sorted, 0.9),
  };
}

/** The page's figures for a period and channel, from the days read: counters summed, logs grouped. */
export function buildReport(data: PeriodData, channel: ChannelFilter, deps: ClusterDeps): InsightsReport {
  const mine = (c: string) => channel === 'all' || c === channel;
  /** Sums a day's flat counters whose key is `<prefix>|<channel>`. */
  const sum = (counts: Record<string, number>, prefix: string) => {
    let total = 0;
    for (const [key, n] of Object.entries(counts)) {
      const cut = key.lastIndexOf('|');
      if (key.slice(0, cut) === prefix && mine(key.slice(cut + 1))) total += n;
    }
    return total;
  };
  const total = (prefix: string) => data.figures.reduce((t, d) => t + sum(d.counts, prefix), 0);

  const daily = data.days.map((day, i) => {
    const counts = data.figures[i]?.counts ?? {};
    const row = { day } as DayRow;
    for (const o of askOutcomes) row[o] = sum(counts, `ask|${o}`);
    return row;
  });
  const by = (o: keyof Omit<DayRow, 'day'>) => daily.reduce((t, d) => t + d[o], 0);
  const asks = askOutcomes.reduce((t, o) => t + by(o), 0);
  const picked = total('picked');

  const topicIds = new Set<string>();
  for (const d of data.figures)
    for (const key of Object.keys(d.counts))
      if (key.startsWith('topic|')) topicIds.add(key.split('|')[1] ?? '');
  const topics = [...topicIds]
    .map((id) => {
      const m = (metric: string) => total(`topic|${id}|${metric}`);
      const asked = m('asked');
      return {
        id,
        title: deps.title(id) ?? id,
        asked,
        up: m('up'),
        down: m('down'),
        clarify: m('clarify'),
        tickets: m('ticket'),
        clarifyShare: share(m('clarify'), asked),
        ticketShare: share(m('ticket'), asked),
      };
    })
    .filter((t) => t.asked + t.up + t.down > 0)
    .sort((a, b) => b.asked - a.asked || a.id.localeCompare(b.id));

  const auditCount = (kind: string) => data.audit.reduce((t, d) => t + sum(d.counts, kind), 0);
  const rows = data.audit.flatMap((d) => d.rows.filter((r) => mine(r.channel))).reverse();
  const samples = (pick: 'claim' | 'resolve') =>
    data.figures.flatMap((d) => d[pick].filter((s) => mine(s.c)));

  return {
    period: { days: data.days.length, from: data.days[0] ?? '', to: data.days.at(-1) ?? '', channel },
    daily,
    summary: {
      asks,
      answered: by('answered'),
      clarify: by('clarify'),
      nomatch: by('nomatch'),
      handoff: by('handoff'),
      picked,
      declined: total('declined'),
      deflection: share(Math.min(asks, by('answered') + picked), asks),
      escalations: by('handoff'),
      tickets: {
        opened: total('ticket|opened'),
        claimed: total('ticket|claimed'),
        resolved: total('ticket|resolved'),
        reopened: total('ticket|reopened'),
      },
      timeToClaim: durations(samples('claim')),
      timeToResolve: durations(samples('resolve')),
      unlogged: total('unlogged'),
    },
    topics,
    clusters: clusterQuestions(
      data.questions.filter((q) => mine(q.channel)),
      deps,
    ),
    restores: {
      checked: auditCount('check'),
      started: auditCount('restore.started'),
      succeeded: auditCount('restore.succeeded'),
      failed: auditCount('restore.failed'),
      rows: rows.slice(0, 200),
    },
    resolvedTickets: data.figures.flatMap((d) => d.resolved.filter((r) => mine(r.channel))).reverse(),
  };
}
