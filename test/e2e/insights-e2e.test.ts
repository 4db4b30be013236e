import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { InsightsReport } from '../../insights/report/build-report.js';
import { entrySchema } from '../../knowledge/entry-schema.js';
import { realMatcher } from '../support/shared-knowledge.js';
import { ALICE } from './e2e-bot.js';
import * as h from './handoff-slack-harness.js';
import { BOB_ANSWER, ERIN, insightsGet, runSession, sent } from './insights-session.js';

/**
 * Issue 21 end to end: a scripted session through the real edges (signed Slack requests, Teams
 * activities through the CloudAdapter, the real Azure SDK against the loopback ARM), then the page, its
 * CSV and drafts, and the CLI, each checked against what the session sent.
 */

let dataDir: string;
let running = false;
beforeAll(() => {
  realMatcher();
}, 120_000);
afterEach(async () => {
  if (running) await h.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const today = () => new Date().toISOString().slice(0, 10);
const report = async (query: string) =>
  (await (await insightsGet(`/insights/report.json?${query}`)).json()) as InsightsReport;

describe('the insights after a scripted session', () => {
  it('counts what was sent, on the page, in its CSV and drafts, and in the CLI', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'grb-insights-e2e-'));
    running = true;
    const { connector } = await runSession(dataDir);

    const all = await report('days=7&channel=all');
    const row = all.daily.find((d) => d.day === today());
    expect(row).toEqual({ day: today(), ...sent.all });
    expect(all.summary).toMatchObject({
      ...sent.all,
      asks: 7,
      picked: 0,
      declined: 0,
      escalations: 1,
      tickets: sent.tickets,
    });
    expect(all.summary.deflection).toBeCloseTo(2 / 7, 3);
    expect(all.summary.timeToClaim.count).toBe(1);
    expect(all.summary.timeToResolve.count).toBe(1);
    expect(all.summary.timeToResolve.medianSeconds).toBeGreaterThanOrEqual(
      all.summary.timeToClaim.medianSeconds ?? 0,
    );
    expect(all.restores).toMatchObject(sent.restores);
    expect(all.restores.rows.map((r) => r.kind).sort()).toEqual(
      ['check', 'restore.confirmed', 'restore.started', 'restore.succeeded'].sort(),
    );
    expect(all.topics.find((t) => t.id === 'what-is-geo-backup')).toMatchObject({ asked: 1, up: 1, down: 0 });
    expect(all.topics.find((t) => t.id === 'start-restore')).toMatchObject({ asked: 1 });
    expect((await report('days=7&channel=teams')).daily.at(-1)).toEqual({ day: today(), ...sent.teams });
    expect((await report('days=7&channel=slack')).daily.at(-1)).toEqual({ day: today(), ...sent.slack });

    // The two Teams questions about baking are one group, from two people; Erin's misses are others.
    const baking = all.clusters.find((c) => c.questions.some((q) => q.text.includes('sourdough')));
    expect(baking).toMatchObject({ count: 2, people: 2 });
    expect(all.clusters.reduce((n, c) => n + c.count, 0)).toBe(5);
    expect(JSON.stringify(all)).not.toMatch(new RegExp(`${ERIN}|${ALICE}|ca401000|f4a4c000`));

    // The page, a CSV and the drafts, with the bearer token; nothing without it.
    const page = await (await insightsGet('/insights?days=7')).text();
    expect(page).toContain('Unanswered questions, grouped');
    expect(page).toContain('how do I bake sourdough bread');
    expect((await insightsGet('/insights?days=7', {})).status).toBe(401);
    const csv = await (await insightsGet('/insights/csv?figure=daily&days=7')).text();
    expect(csv.trim().split('\r\n').at(-1)).toBe(`${today()},2,0,4,1`);
    const svg = await insightsGet('/insights/chart.svg?days=7');
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toContain('handed to a person');
    const draft = await (await insightsGet(`/insights/draft?days=7&group=${baking?.id}`)).text();
    expect(parse(draft).examples.slice(0, 2).sort()).toEqual([
      'how do I bake sourdough bread',
      'what flour to bake sourdough bread',
    ]);
    const [resolved] = all.resolvedTickets;
    const fromTicket = parse(await (await insightsGet(`/insights/draft?ticket=${resolved?.id}`)).text());
    expect(fromTicket.answer).toBe(BOB_ANSWER.replace('pg-orders-geo', '<server>'));
    expect(fromTicket.examples[0]).toBe('what is the capital of mongolia');
    const filled = JSON.parse(
      JSON.stringify(fromTicket)
        .replace(/TODO[^"]*/g, 'Written by the team for this topic')
        .replace('https://todo.invalid/', 'https://learn.microsoft.com/azure/postgresql/'),
    );
    expect(entrySchema.safeParse(filled).success).toBe(true);
    const auditRow = await insightsGet(
      `/insights/audit?key=${encodeURIComponent(all.restores.rows[0]?.key ?? '')}`,
    );
    expect(auditRow.status).toBe(200);
    await connector.stop();

    // The CLI, once the bot has stopped (the embedded store allows one process), reads the same figures.
    await h.stop();
    running = false;
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'insights/insights-main.ts', '--days', '7', '--json'],
      {
        env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(cli.stderr).toBe('');
    const fromCli = JSON.parse(cli.stdout) as InsightsReport;
    expect(fromCli.summary).toEqual(all.summary);
    expect(fromCli.clusters.map((c) => c.id)).toEqual(all.clusters.map((c) => c.id));
    const text = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'insights/insights-main.ts', '--days', '7'],
      {
        env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(text.stdout).toMatch(
      /Questions: 7 — answered 2, did you mean 0 .*no match 4, handed to a person 1/,
    );
    expect(text.stdout).toMatch(/Geo-restores: checked 1, started 1, succeeded 1, failed 0/);
  }, 180_000);
});
