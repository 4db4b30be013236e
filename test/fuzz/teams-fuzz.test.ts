import { describe, expect, it } from 'vitest';
import { OUR_INVOKES } from '../../adapters/teams/teams-logic.js';
import { personalMessage } from '../teams/teams-activities.js';
import { cardOf } from '../teams/teams-harness.js';
import { APP_ID, OUTBOUND_TOKEN, useFuzzBot } from './fuzz-bot.js';
import { FUZZ_SEED, fuzz, runs } from './fuzz-runs.js';
import { liveTeamsMarkup } from './live-markup.js';
import { hostileTeams, malformedTeams, RECENT_CARD } from './teams-bodies.js';

/**
 * Issue 7: thousands of generated hostile activities through the Teams edge as startBot serves it
 * (authenticated: tokens from a loopback OpenID endpoint, the real CloudAdapter, engine and matcher,
 * the embedded store), then a normal question, then a look at every call the bot made to the connector.
 */
const fuzzed = useFuzzBot('teams', FUZZ_SEED);
const kinds = fuzzed.kinds;

/** The id of a card with buttons that the bot sent most recently, so clicks reach the real click path. */
function recentCard(): string | undefined {
  for (let i = fuzzed.bot.connector.calls.length - 1; i >= 0; i--) {
    const match = /"card":"([\w-]+)"/.exec(
      JSON.stringify(fuzzed.bot.connector.calls[i]?.activity.attachments ?? []),
    );
    if (match?.[1]) return match[1];
  }
  return undefined;
}

/** botbuilder answers 501 Not Implemented to an invoke the bot does not offer (a search, a sign-in). */
function notOurInvoke(body: string | Uint8Array): boolean {
  const activity = JSON.parse(String(body)) as { type?: unknown; name?: unknown };
  return activity.type === 'invoke' && !OUR_INVOKES.has(String(activity.name));
}

describe('Teams edge under generated hostile input', () => {
  it('answers every unreadable, unauthenticated or malformed request with a 4xx and sends nothing', async () => {
    const serviceUrl = fuzzed.bot.connector.serviceUrl;
    const tokens = {
      wrongAudience: fuzzed.bot.openid.token({
        aud: '11111111-1111-1111-1111-111111111111',
        serviceurl: serviceUrl,
      }),
      expired: fuzzed.bot.openid.token({ aud: APP_ID, serviceurl: serviceUrl, nbf: 1, exp: 2 }),
    };
    const before = fuzzed.bot.connector.calls.length;

    await fuzz(
      malformedTeams(serviceUrl, tokens),
      { numRuns: 3000, seed: FUZZ_SEED + 2, kinds },
      async (c) => {
        const status = await fuzzed.bot.teams(c.body, c.headers);
        if (status < 400 || status >= 500) throw new Error(`${c.kind} answered ${status}`);
      },
    );

    expect(fuzzed.bot.connector.calls.slice(before)).toEqual([]);
  }, 240_000);

  it('refuses an activity over the size limit with 413', async () => {
    const huge = JSON.stringify(personalMessage(fuzzed.bot.connector.serviceUrl, 'x'.repeat(300_000)));

    expect(await fuzzed.bot.teams(huge)).toBe(413);
  });

  it('never fails with a 5xx on authenticated activities with hostile text, mentions, clicks and odd shapes', async () => {
    await fuzz(
      hostileTeams(fuzzed.bot.connector.serviceUrl),
      { numRuns: 2000, seed: FUZZ_SEED + 3, kinds },
      async (c) => {
        const body =
          typeof c.body === 'string' ? c.body.replaceAll(RECENT_CARD, recentCard() ?? 'none') : c.body;
        const status = await fuzzed.bot.teams(body, c.headers);
        if (status >= 500 && !(status === 501 && notOurInvoke(body)))
          throw new Error(`${c.kind} answered ${status}`);
      },
    );

    expect(fuzzed.bot.connector.messages().length).toBeGreaterThan(runs(1000));
  }, 240_000);

  it('still answers a normal question, and sent nothing live that a user typed', async () => {
    const before = fuzzed.bot.connector.calls.length;

    const status = await fuzzed.bot.teams(
      JSON.stringify(personalMessage(fuzzed.bot.connector.serviceUrl, 'what is geo-redundant backup?')),
    );

    expect(status).toBe(200);
    const answer = fuzzed.bot.connector.calls.slice(before).find((c) => c.activity.type === 'message');
    expect(JSON.stringify(cardOf(answer?.activity ?? {}))).toMatch(/geo-redundant/i);
    await fuzzed.bot.drain();
    const live = fuzzed.bot.connector.calls.flatMap((c) =>
      liveTeamsMarkup(c.activity).map((f) => `${c.method} ${c.conversationId}: ${f}`),
    );
    expect(live).toEqual([]);
    expect(fuzzed.bot.connector.calls.every((c) => c.authorization === `Bearer ${OUTBOUND_TOKEN}`)).toBe(
      true,
    );
  }, 120_000);
});
