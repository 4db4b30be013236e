import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../adapters/store/memory-store.js';
import { loadConfig } from '../../bot/load-config.js';
import { silentLogger } from '../../bot/ports/logger.js';
import { type RunningBot, startBot } from '../../bot/start-bot.js';
import { ManualClock } from '../support/manual-clock.js';
import { realMatcher } from '../support/shared-knowledge.js';

/**
 * Issue 21: the insights page in headless Chromium (Debian's chromium, driven by playwright-core):
 * refused without the token, signed in with it, the chart and the groups shown, a CSV and a draft
 * downloaded, and no request to any host but the bot. INSIGHTS_SCREENSHOT=1 also writes
 * docs/insights.png (1280×800), so that the suite does not rewrite it on every run.
 */

const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'browser-test-insights-token-0123456789abcdef';
let bot: RunningBot;
let context: BrowserContext;
let profile: string;
let base: string;
const requested: string[] = [];

/** A week of questions from a few people, as the engine records them (console channel). */
async function seedWeek(clock: ManualClock) {
  const asked = [
    ['what is geo-redundant backup', 'how do I bake sourdough bread'],
    ['how long does a geo-restore take', 'what flour to bake sourdough bread'],
    ['can I turn on geo-redundant backup later', 'who won the football match yesterday'],
    ['what is geo-redundant backup', 'how do I bake rye bread'],
    ['how do I restore from geo backup', 'who won the football game last night'],
    ['what RPO can I expect from a geo-restore', 'baking sourdough bread at home'],
    ['what is geo-redundant backup', 'what is the capital of mongolia'],
  ];
  for (const [d, questions] of asked.entries()) {
    for (const [i, text] of questions.entries()) {
      await bot.core.engine.handle({
        address: { channel: 'console', conversationId: `day${d}-${i}` },
        user: { id: `person-${(d + i) % 4}` },
        text,
      });
    }
    if (d < asked.length - 1) clock.advance(86_400_000);
  }
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  const clock = new ManualClock(new Date(Date.now() - 6 * 86_400_000).toISOString());
  bot = await startBot(loadConfig({ INSIGHTS_TOKEN: TOKEN, LOG_LEVEL: 'silent' }), {
    logger: silentLogger,
    store: new MemoryStore(clock),
    clock,
    port: 0,
    matcher: realMatcher(),
  });
  await seedWeek(clock);
  base = `http://127.0.0.1:${bot.address.port}`;
  profile = mkdtempSync(join(tmpdir(), 'grb-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.on('request', (r) => {
    requested.push(r.url());
  });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await bot?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function signIn(page: Page, token: string) {
  await page.fill('input[name=token]', token);
  await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
}

describe('the insights page in a browser', () => {
  it('refuses without the token, signs in with it, shows the chart and the groups, and downloads a CSV and a draft', async () => {
    const page = await context.newPage();
    const refused = await page.goto(`${base}/insights`);
    expect(refused?.status()).toBe(401);
    await signIn(page, 'x'.repeat(40));
    expect(await page.textContent('[role=alert]')).toContain('not accepted');

    await signIn(page, TOKEN);
    expect(page.url()).toBe(`${base}/insights`);
    await page.goto(`${base}/insights?days=7&channel=all`);
    const chart = page.locator('img.chart');
    await expect
      .poll(() =>
        chart.evaluate((img) => {
          const loaded = img as unknown as { complete: boolean; naturalWidth: number };
          return loaded.complete ? loaded.naturalWidth : 0;
        }),
      )
      .toBeGreaterThan(0);
    expect(await chart.getAttribute('alt')).toMatch(/answered \d+, did you mean \d+, no match \d+/);
    if (process.env.INSIGHTS_SCREENSHOT === '1')
      writeFileSync(
        new URL('../../docs/insights.png', import.meta.url),
        await page.screenshot({ fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 800 } }),
      );
    const groups = page.locator('#unanswered article.group');
    expect(await groups.count()).toBeGreaterThanOrEqual(2);
    const bread = groups.filter({ hasText: 'sourdough' }).first();
    expect(await bread.locator('h3').textContent()).toMatch(/[2-9] questions from/);

    const csvDownload = page.waitForEvent('download');
    await page.click('#daily a.csv');
    const csv = readFileSync((await (await csvDownload).path()) ?? '', 'utf8');
    const rows = csv.trim().split('\r\n');
    expect(rows[0]).toBe('day,answered,did_you_mean,no_match,handed_to_a_person');
    expect(rows).toHaveLength(8);
    expect(
      rows.slice(1).reduce(
        (n, r) =>
          n +
          r
            .split(',')
            .slice(1)
            .reduce((a, b) => a + Number(b), 0),
        0,
      ),
    ).toBe(14);

    const draftDownload = page.waitForEvent('download');
    await bread.locator('a', { hasText: 'Draft an entry' }).click();
    const draft = await draftDownload;
    expect(draft.suggestedFilename()).toMatch(/^new-[a-z0-9-]+\.yaml$/);
    const yaml = readFileSync((await draft.path()) ?? '', 'utf8');
    expect(yaml).toMatch(/^kind: faq$/m);
    expect(yaml).toContain('sourdough');

    if (process.env.INSIGHTS_SCREENSHOT === '1') {
      writeFileSync(
        new URL('../../docs/insights.png', import.meta.url),
        await page.screenshot({ fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 800 } }),
      );
    }

    // Signed out (or in a browser that never signed in), the page is refused again.
    await Promise.all([page.waitForLoadState('load'), page.click('.sign-out button')]);
    expect((await page.goto(`${base}/insights`))?.status()).toBe(401);

    const hosts = new Set(requested.map((u) => new URL(u).host));
    expect([...hosts]).toEqual([`127.0.0.1:${bot.address.port}`]);
  }, 120_000);
});
