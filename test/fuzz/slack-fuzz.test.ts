import { describe, expect, it } from 'vitest';
import { directMessage, eventEnvelope } from '../support/slack-requests.js';
import { useFuzzBot } from './fuzz-bot.js';
import { FUZZ_SEED, fuzz, runs } from './fuzz-runs.js';
import { liveSlackMarkup } from './live-markup.js';
import { hostileSlack, malformedSlack } from './slack-bodies.js';

/**
 * Issue 7: thousands of generated hostile requests through Slack's real HTTP edge (startBot, signed
 * requests, Bolt, the real engine and matcher, the embedded store), then a normal question, then a
 * drained shutdown, and only then a look at everything the bot sent to Slack.
 */
const fuzzed = useFuzzBot('slack', FUZZ_SEED);
const kinds = fuzzed.kinds;

describe('Slack edge under generated hostile input', () => {
  it('answers every unreadable, unsigned or malformed request with a 4xx and runs no turn', async () => {
    const respondTo = fuzzed.bot.slackApi.responseUrl('malformed');
    const before = fuzzed.bot.slackApi.calls.length;

    await fuzz(malformedSlack(respondTo), { numRuns: 3000, seed: FUZZ_SEED, kinds }, async (c) => {
      const status = await fuzzed.bot.slack(c.body, c.options);
      if (status < 400 || status >= 500) throw new Error(`${c.kind} answered ${status}`);
    });

    expect(fuzzed.bot.slackApi.calls.slice(before).filter((c) => c.method !== 'auth.test')).toEqual([]);
  }, 240_000);

  it('refuses bodies over the size limit with 413', async () => {
    const huge = eventEnvelope(directMessage({ text: 'a'.repeat(1024 * 1024), ts: '1767000000.000400' }));

    const statuses = await Promise.all([fuzzed.bot.slack(huge), fuzzed.bot.slack(`${huge}}`)]);

    expect(statuses).toEqual([413, 413]);
  });

  it('never fails with a 5xx on readable requests with hostile text, odd shapes and unknown buttons', async () => {
    const respondTo = fuzzed.bot.slackApi.responseUrl('hostile');

    await fuzz(hostileSlack(respondTo), { numRuns: 2000, seed: FUZZ_SEED + 1, kinds }, async (c) => {
      const status = await fuzzed.bot.slack(c.body, c.options);
      if (status >= 500) throw new Error(`${c.kind} answered ${status}`);
    });

    expect(kinds.get('slash command')).toBeGreaterThan(runs(400));
  }, 240_000);

  it('still answers a normal question, and sent nothing live that a user typed', async () => {
    const before = fuzzed.bot.slackApi.calls.length;
    const question = eventEnvelope(
      directMessage({ text: 'what is geo-redundant backup?', ts: '1767000000.000500', channel: 'DNORMAL' }),
    );

    expect(await fuzzed.bot.slack(question)).toBe(200);
    await fuzzed.bot.slackApi.until((s) =>
      s.calls.slice(before).some((c) => c.method === 'chat.postMessage' && c.args.channel === 'DNORMAL'),
    );
    const answer = fuzzed.bot.slackApi.calls.slice(before).find((c) => c.args.channel === 'DNORMAL');
    expect(String(answer?.args.text)).toMatch(/geo-redundant/i);

    // Closing drains every acknowledged turn, so every answer is recorded before the look.
    await fuzzed.bot.drain();
    const live = [
      ...fuzzed.bot.slackApi.calls.flatMap((c) => liveSlackMarkup(c.args).map((f) => `${c.method} ${f}`)),
      ...fuzzed.bot.acks.flatMap((a) => liveSlackMarkup(a).map((f) => `ack ${f}`)),
    ];
    expect(live).toEqual([]);
    expect(fuzzed.bot.slackApi.delivered().length + fuzzed.bot.acks.length).toBeGreaterThan(runs(1000));
  }, 120_000);
});
