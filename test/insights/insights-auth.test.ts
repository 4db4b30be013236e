import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../adapters/store/memory-store.js';
import { loadConfig } from '../../bot/load-config.js';
import { type RunningBot, startBot } from '../../bot/start-bot.js';
import { ManualClock } from '../support/manual-clock.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { realMatcher } from '../support/shared-knowledge.js';

/** Issue 21: who may see /insights, over real HTTP. */

const TOKEN = 'auth-test-insights-token-0123456789-abcdef';
let bot: RunningBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

async function start(env: Record<string, string>, clock = new ManualClock(new Date().toISOString())) {
  const logger = new RecordingLogger();
  bot = await startBot(loadConfig({ LOG_LEVEL: 'silent', ...env }), {
    logger,
    clock,
    store: new MemoryStore(clock),
    port: 0,
    matcher: realMatcher(),
  });
  const url = (path: string) => `http://127.0.0.1:${bot?.address.port}${path}`;
  return { logger, url, clock };
}

const signIn = (url: string, token: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ token }).toString(),
    redirect: 'manual',
  });

describe('the insights page: who may see it', () => {
  it('is not there at all without INSIGHTS_TOKEN', async () => {
    const { url } = await start({});
    expect((await fetch(url('/insights'))).status).toBe(404);
  });

  it('answers 401 and the sign-in form without the token, and never takes it from the URL', async () => {
    const { url } = await start({ INSIGHTS_TOKEN: TOKEN });
    const refused = await fetch(url('/insights'));
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('<form method="post" action="/insights/sign-in">');
    expect((await fetch(url(`/insights?token=${TOKEN}`))).status).toBe(401);
    expect(
      (await fetch(url('/insights/csv?figure=daily'), { headers: { authorization: `Bearer ${TOKEN}x` } }))
        .status,
    ).toBe(401);
    expect(
      (await fetch(url('/insights/csv?figure=daily'), { headers: { authorization: `Bearer ${TOKEN}` } }))
        .status,
    ).toBe(200);
  });

  it('signs in with the form: an HttpOnly, SameSite=Strict cookie, Secure behind https, that expires', async () => {
    const { url, logger, clock } = await start({ INSIGHTS_TOKEN: TOKEN });
    expect((await signIn(url('/insights/sign-in'), 'wrong-token-wrong-token-wrong-token')).status).toBe(401);
    const plain = await signIn(url('/insights/sign-in'), TOKEN);
    expect(plain.status).toBe(303);
    const cookie = plain.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(
      /^grb_insights=\d+\.[\w-]+; Path=\/insights; Max-Age=28800; HttpOnly; SameSite=Strict$/,
    );
    expect(cookie).not.toContain(TOKEN);
    const secure = await signIn(url('/insights/sign-in'), TOKEN, { 'x-forwarded-proto': 'https' });
    expect(secure.headers.get('set-cookie')).toMatch(/; Secure$/);

    const session = cookie.split(';')[0] ?? '';
    expect((await fetch(url('/insights'), { headers: { cookie: session } })).status).toBe(200);
    const forged = session.replace(/\.[\w-]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect((await fetch(url('/insights'), { headers: { cookie: forged } })).status).toBe(401);
    const later = session.replace(/=\d+\./, `=${Date.now() + 10 * 86_400_000}.`);
    expect((await fetch(url('/insights'), { headers: { cookie: later } })).status).toBe(401);
    clock.advance(8 * 3600_000 + 1);
    expect((await fetch(url('/insights'), { headers: { cookie: session } })).status).toBe(401);

    expect(
      logger.lines
        .filter((l) => l.msg === 'insights.signIn')
        .map((l) => (l.obj as { accepted?: boolean }).accepted),
    ).toEqual([false, true, true]);
    expect(JSON.stringify(logger.lines)).not.toContain(TOKEN);
  });

  it('sends a page that loads nothing from elsewhere, and escapes what users typed', async () => {
    const { url } = await start({ INSIGHTS_TOKEN: TOKEN });
    await bot?.core.engine.handle({
      address: { channel: 'console', conversationId: 'x' },
      user: { id: 'u' },
      text: '<img src=https://evil.example/x.png> =HYPERLINK("http://evil.example") blorp',
    });
    const auth = { authorization: `Bearer ${TOKEN}` };
    const page = await fetch(url('/insights?days=7'), { headers: auth });
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).not.toContain('<img src=https://evil');
    expect(html).toContain('&lt;img src=https://evil.example/x.png&gt;');
    expect(html.match(/(?:src|href)="(?!\/insights)[^"]*"/g)).toBeNull();
    const csv = await (await fetch(url('/insights/csv?figure=unanswered&days=7'), { headers: auth })).text();
    expect(csv).toContain('"<img src=https://evil.example/x.png> =HYPERLINK(""http://evil.example"") blorp"');
  });
});
