import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../../bot/http/http-body.js';
import type { Mount, NodeHandler } from '../../bot/http/http-server.js';
import type { Logger } from '../../bot/ports/logger.js';
import { type ChannelFilter, channelFilters, periods } from '../report/build-report.js';
import type { InsightsReader } from '../report/insights-reader.js';
import { csvFigures, reportCsv } from '../report/report-csv.js';
import { dayChartSvg } from './day-chart.js';
import { esc, layout, pageStyle, signInPage } from './html.js';
import { cameOverHttps, type InsightsAuth } from './insights-auth.js';
import { insightsPage } from './insights-page.js';

/** Nothing the page shows comes from anywhere but the bot: no script at all, styles and images from itself. */
const pageCsp =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/** ECharts writes its SVG with style attributes; as an image it runs nothing and loads nothing. */
const svgCsp = "default-src 'none'; style-src 'unsafe-inline'";

type Params = { days: number; channel: ChannelFilter; get: (name: string) => string | undefined };

function params(req: IncomingMessage): Params {
  const url = new URL(req.url ?? '/', 'http://insights.invalid');
  const days = Number(url.searchParams.get('days'));
  const channel = url.searchParams.get('channel') ?? 'all';
  return {
    days: (periods as readonly number[]).includes(days) ? days : 30,
    channel: (channelFilters as readonly string[]).includes(channel) ? (channel as ChannelFilter) : 'all',
    get: (name) => url.searchParams.get(name) ?? undefined,
  };
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': type.startsWith('image/svg') ? svgCsp : pageCsp,
    ...extra,
  });
  res.end(body);
}

const html = 'text/html; charset=utf-8';
const notFound = (res: ServerResponse, what: string) =>
  send(
    res,
    404,
    html,
    layout(
      'Not found',
      `<main><p>${esc(what)}</p><p><a href="/insights">Back to the insights</a></p></main>`,
    ),
  );
const attachment = (name: string) => ({
  'content-disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`,
});

export interface InsightsRoutesDeps {
  auth: InsightsAuth;
  reader: InsightsReader;
  logger: Logger;
}

/**
 * `/insights` and what it links to, all behind the token (bearer header or the sign-in cookie); a
 * request without it gets 401 and the sign-in form. Only mounted when INSIGHTS_TOKEN is set.
 */
export function insightsRoutes(deps: InsightsRoutesDeps): Mount {
  const log = deps.logger.child({ component: 'insights' });
  const guarded =
    (handle: (req: IncomingMessage, res: ServerResponse, p: Params) => Promise<void>): NodeHandler =>
    (req, res) => {
      req.resume();
      if (!deps.auth.allows(req)) {
        send(res, 401, html, signInPage(false), { 'www-authenticate': 'Bearer realm="insights"' });
        return;
      }
      handle(req, res, params(req)).catch((err: unknown) => {
        log.error({ err }, 'insights.failed');
        if (!res.headersSent)
          send(
            res,
            500,
            html,
            layout('Error', '<main><p>The insights could not be read; see the log.</p></main>'),
          );
      });
    };

  const signIn: NodeHandler = (req, res) => {
    void readBody(req, 4096).then(
      (body) => {
        const token =
          body === 'too-large' ? undefined : new URLSearchParams(body.toString('utf8')).get('token');
        if (token === undefined || token === null || !deps.auth.tokenMatches(token)) {
          log.info({ accepted: false }, 'insights.signIn');
          send(res, 401, html, signInPage(true));
          return;
        }
        log.info({ accepted: true }, 'insights.signIn');
        res.writeHead(303, {
          location: '/insights',
          'set-cookie': deps.auth.signIn(cameOverHttps(req)),
          'cache-control': 'no-store',
        });
        res.end();
      },
      () => send(res, 400, html, signInPage(true)),
    );
  };

  return (routes) => {
    routes.get('/insights/style.css', (req, res) => {
      req.resume();
      send(res, 200, 'text/css; charset=utf-8', pageStyle);
    });
    routes.post('/insights/sign-in', signIn);
    routes.post('/insights/sign-out', (req, res) => {
      req.resume();
      res.writeHead(303, { location: '/insights', 'set-cookie': deps.auth.signOut(cameOverHttps(req)) });
      res.end();
    });
    routes.get(
      '/insights',
      guarded(async (_req, res, p) => {
        send(res, 200, html, insightsPage(await deps.reader.report(p.days, p.channel)));
      }),
    );
    routes.get(
      '/insights/report.json',
      guarded(async (_req, res, p) => {
        send(res, 200, 'application/json', JSON.stringify(await deps.reader.report(p.days, p.channel)));
      }),
    );
    routes.get(
      '/insights/chart.svg',
      guarded(async (_req, res, p) => {
        const report = await deps.reader.report(p.days, p.channel);
        send(res, 200, 'image/svg+xml', await dayChartSvg(report.daily));
      }),
    );
    routes.get(
      '/insights/csv',
      guarded(async (_req, res, p) => {
        const figure = csvFigures.find((f) => f === p.get('figure'));
        if (!figure)
          return notFound(res, `There is no such figure; the figures are ${csvFigures.join(', ')}.`);
        const report = await deps.reader.report(p.days, p.channel);
        const name = `insights-${figure}-${report.period.from}-${report.period.to}-${p.channel}.csv`;
        send(res, 200, 'text/csv; charset=utf-8', reportCsv(report, figure), attachment(name));
      }),
    );
    routes.get(
      '/insights/draft',
      guarded(async (_req, res, p) => {
        const group = p.get('group');
        const ticket = p.get('ticket');
        const draft = group
          ? await deps.reader.clusterDraft(p.days, p.channel, group)
          : ticket
            ? await deps.reader.ticketDraft(ticket)
            : undefined;
        if (!draft)
          return notFound(
            res,
            'That group or resolved ticket is not in the period any more; reload the insights.',
          );
        send(res, 200, 'application/yaml; charset=utf-8', draft.yaml, attachment(draft.fileName));
      }),
    );
    routes.get(
      '/insights/audit',
      guarded(async (_req, res, p) => {
        const key = p.get('key') ?? '';
        const row = await deps.reader.auditRow(key);
        if (!row) return notFound(res, 'There is no such audit row.');
        const body = `<main><section><h2>Audit row ${esc(key)}</h2><pre>${esc(JSON.stringify(row, null, 2))}</pre></section><p><a href="/insights">Back to the insights</a></p></main>`;
        send(res, 200, html, layout('Audit row', body));
      }),
    );
  };
}
