import { describe, expect, it } from 'vitest';
import { directMessage, eventEnvelope } from '../support/slack-requests.js';
import { personalMessage } from '../teams/teams-activities.js';
import { useFuzzBot } from './fuzz-bot.js';

/**
 * Slack's Web API and the Bot Connector failing with 429 and 5xx while the bot answers, through the
 * bot as startBot serves it: an answer lands once after a throttle, and a 5xx (which Slack or the
 * connector may have acted on) is not sent again, so nothing is ever duplicated; the bot keeps serving.
 */
const fuzzed = useFuzzBot('channel faults', 0);
let dmCounter = 0;

async function slackDm(channel: string, text = 'what is geo-redundant backup?') {
  const { bot } = fuzzed;
  const ts = `1767200000.${String(++dmCounter).padStart(6, '0')}`;
  expect(await bot.slack(eventEnvelope(directMessage({ text, ts, channel })))).toBe(200);
}

/** Every attempt at posting into `channel`, answered or not. */
const attemptsIn = (channel: string) =>
  fuzzed.bot.slackApi.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);

describe('Slack Web API failures', () => {
  it('posts an answer once after Slack throttles it with 429 and Retry-After', async () => {
    fuzzed.bot.slackApi.rateLimit('chat.postMessage', 1, 2);

    await slackDm('DTHROTTLED');
    await fuzzed.bot.slackApi.until(() => attemptsIn('DTHROTTLED').some((c) => c.status === 200));

    expect(attemptsIn('DTHROTTLED').map((c) => c.status)).toEqual([429, 429, 200]);
  });

  it.each([500, 503])(
    'does not post an answer again after a %i, and answers the next question',
    async (status) => {
      const channel = `DOUTAGE${status}`;
      fuzzed.bot.slackApi.fail('chat.postMessage', status, 1);

      await slackDm(channel);
      await fuzzed.bot.slackApi.until(() => attemptsIn(channel).length === 1);
      await slackDm(channel, 'how long does a geo restore take');
      await fuzzed.bot.slackApi.until(() => attemptsIn(channel).length === 2);

      expect(attemptsIn(channel).map((c) => c.status)).toEqual([status, 200]);
    },
  );
});

describe('Bot Connector failures', () => {
  const ask = async (text: string) => {
    const { bot } = fuzzed;
    const before = bot.connector.calls.length;
    const status = await bot.teams(JSON.stringify(personalMessage(bot.connector.serviceUrl, text)));
    return { status, calls: bot.connector.calls.slice(before).filter((c) => c.activity.type === 'message') };
  };

  it('delivers an answer once after 429s with Retry-After', async () => {
    fuzzed.bot.connector.failNext(429, 2, '0');

    const { status, calls } = await ask('what is geo-redundant backup?');

    expect(status).toBe(200);
    expect(calls.map((c) => c.status)).toEqual([429, 429, 200]);
  });

  it.each([500, 503])(
    'does not send an answer again after a %i, and answers the next question',
    async (code) => {
      fuzzed.bot.connector.failNext(code, 1);

      const failed = await ask('what is geo-redundant backup?');
      const next = await ask('how long does a geo restore take');

      expect(failed.status).toBe(200);
      expect(failed.calls.map((c) => c.status)).toEqual([code]);
      expect(next.calls.map((c) => c.status)).toEqual([200]);
    },
  );

  it('gives up after the set attempts on a connector that keeps answering 502, then serves again', async () => {
    fuzzed.bot.connector.failNext(502, 5);

    const failed = await ask('what is geo-redundant backup?');
    const next = await ask('how long does a geo restore take');

    expect(failed.status).toBe(200);
    expect(failed.calls.map((c) => c.status)).toEqual([502, 502, 502, 502, 502]);
    expect(next.calls.map((c) => c.status)).toEqual([200]);
  });
});
