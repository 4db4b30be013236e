import { channelFilters, type InsightsReport, periods } from '../report/build-report.js';
import { duration } from '../report/report-text.js';
import { chartSize, outcomeSeries } from './day-chart.js';
import { esc, layout, query } from './html.js';

const pct = (x: number) => `${Math.round(x * 100)}%`;
const channelName: Record<string, string> = {
  all: 'All channels',
  teams: 'Teams',
  slack: 'Slack',
  console: 'Console',
};

/** The insights page for one period and channel: every figure with its CSV, and the chart as an image of the bot's own. */
export function insightsPage(r: InsightsReport): string {
  const p = { days: r.period.days, channel: r.period.channel };
  const csv = (figure: string) =>
    `<a class="csv" href="/insights/csv?${query({ figure, ...p })}" download>CSV</a>`;
  const s = r.summary;
  const card = (value: string | number, label: string) =>
    `<div class="card"><b>${esc(value)}</b><span>${esc(label)}</span></div>`;
  const option = (value: string | number, label: string, chosen: boolean) =>
    `<option value="${esc(value)}"${chosen ? ' selected' : ''}>${esc(label)}</option>`;
  const header = `<header>
<h1>GeoRestore Bot insights</h1>
<form method="get" action="/insights">
<label>Period <select name="days">${periods.map((d) => option(d, `last ${d} days`, d === p.days)).join('')}</select></label>
<label>Channel <select name="channel">${channelFilters.map((c) => option(c, channelName[c] ?? c, c === p.channel)).join('')}</select></label>
<button type="submit">Show</button>
</form>
<form class="sign-out" method="post" action="/insights/sign-out"><button type="submit">Sign out</button></form>
</header>`;
  const summary = `<section id="summary"><h2>${esc(r.period.from)} to ${esc(r.period.to)} · ${esc(channelName[p.channel] ?? p.channel)} ${csv('summary')}</h2>
<div class="cards">
${card(s.asks, 'questions')}
${card(pct(s.deflection), 'answered without a person')}
${card(s.escalations, 'handed to a person')}
${card(`${s.tickets.opened} / ${s.tickets.claimed} / ${s.tickets.resolved}`, 'tickets opened / claimed / resolved')}
${card(`${duration(s.timeToClaim.medianSeconds)} · ${duration(s.timeToClaim.p90Seconds)}`, 'time to claim, median · p90')}
${card(`${duration(s.timeToResolve.medianSeconds)} · ${duration(s.timeToResolve.p90Seconds)}`, 'time to resolve, median · p90')}
${card(`${s.picked} / ${s.declined}`, '"did you mean" then picked / none of these')}
</div></section>`;
  const alt = `Questions per day, stacked: ${outcomeSeries.map((o) => `${o.name} ${s[o.key]}`).join(', ')}`;
  const chart = `<section id="daily"><h2>Questions per day, by outcome ${csv('daily')}</h2>
<img class="chart" src="/insights/chart.svg?${query(p)}" width="${chartSize.width}" height="${chartSize.height}" alt="${esc(alt)}">
</section>`;
  const topics = `<section id="topics"><h2>Per topic ${csv('topics')}</h2>
<table><thead><tr><th>entry</th><th class="n">questions</th><th class="n">helpful</th><th class="n">not helpful</th><th class="n">did you mean</th><th class="n">ticket</th></tr></thead><tbody>
${r.topics.map((t) => `<tr><td>${esc(t.title)} <span class="muted">${esc(t.id)}</span></td><td class="n">${t.asked}</td><td class="n">${t.up}</td><td class="n">${t.down}</td><td class="n">${pct(t.clarifyShare)}</td><td class="n">${pct(t.ticketShare)}</td></tr>`).join('\n')}
</tbody></table>${r.topics.length === 0 ? '<p class="muted">No questions in this period.</p>' : ''}</section>`;
  const groups = `<section id="unanswered"><h2>Unanswered questions, grouped ${csv('unanswered')}</h2>
${r.clusters.length === 0 ? '<p class="muted">Nothing unanswered in this period.</p>' : ''}
${r.clusters
  .slice(0, 30)
  .map((c) => group(c, p))
  .join('\n')}
</section>`;
  const tickets = `<section id="tickets"><h2>Resolved tickets ${csv('tickets')}</h2>
${r.resolvedTickets.length === 0 ? '<p class="muted">No ticket resolved in this period.</p>' : ''}
<ul>${r.resolvedTickets
    .slice(0, 50)
    .map(
      (t) =>
        `<li>${esc(t.ref)} · ${esc(t.channel)} · resolved ${esc(t.at.slice(0, 16).replace('T', ' '))} · <a href="/insights/draft?${query({ ticket: t.id })}" download>Draft an entry</a></li>`,
    )
    .join('')}</ul>
</section>`;
  const rs = r.restores;
  const restores = `<section id="restores"><h2>Geo-restores ${csv('restores')}</h2>
<div class="cards">${card(rs.checked, 'servers checked')}${card(rs.started, 'restores started')}${card(rs.succeeded, 'succeeded')}${card(rs.failed, 'failed')}</div>
<table><thead><tr><th>at</th><th>what</th><th>server</th><th>outcome</th><th>channel</th><th>audit</th></tr></thead><tbody>
${rs.rows.map((a) => `<tr><td>${esc(a.at.slice(0, 19).replace('T', ' '))}</td><td>${esc(a.kind)}</td><td>${esc(a.server ?? '')}</td><td>${esc(a.outcome)}</td><td>${esc(a.channel)}</td><td><a href="/insights/audit?${query({ key: a.key })}">row</a></td></tr>`).join('\n')}
</tbody></table></section>`;
  return layout(
    'GeoRestore Bot insights',
    `${header}\n<main>\n${summary}\n${chart}\n${topics}\n${groups}\n${tickets}\n${restores}\n</main>`,
  );
}

function group(c: InsightsReport['clusters'][number], p: { days: number; channel: string }): string {
  return `<article class="group" data-group="${esc(c.id)}">
<h3>${esc(c.label)} <span class="muted">· ${c.count} question${c.count === 1 ? '' : 's'} from ${c.people} ${c.people === 1 ? 'person' : 'people'}</span></h3>
<p>Most typical: ${c.typical.map((t) => `“${esc(t)}”`).join(' · ')}</p>
<p>Nearest entries the bot considered: ${c.nearest.length === 0 ? 'none' : c.nearest.map((n) => `${esc(n.title)} (${n.score})`).join(', ')}</p>
<details><summary>All ${c.count}, newest first</summary><ol>${c.questions.map((q) => `<li>${esc(q.at.slice(0, 16).replace('T', ' '))} · ${esc(q.channel)} · ${esc(q.outcome)} · ${esc(q.text)}</li>`).join('')}</ol></details>
<p><a href="/insights/draft?${query({ group: c.id, ...p })}" download>Draft an entry</a></p>
</article>`;
}
