import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUserNames } from '../../adapters/slack/user-names.js';
import { ManualClock } from '../support/manual-clock.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { SlackApiStub } from '../support/slack-api-stub.js';

const HOUR = 60 * 60 * 1000;

describe('names of Slack users for message events (users.info through the real WebClient)', () => {
  let stub: SlackApiStub;
  let client: webApi.WebClient;
  let clock: ManualClock;
  let logger: RecordingLogger;
  const asked = () => stub.calls.filter((c) => c.method === 'users.info').length;
  const names = (extra: Partial<Parameters<typeof createUserNames>[0]> = {}) =>
    createUserNames({ client, logger, clock, ...extra });

  beforeEach(async () => {
    stub = await new SlackApiStub().start();
    client = new webApi.WebClient('xoxb-test', { slackApiUrl: stub.apiUrl, retryConfig: { retries: 0 } });
    clock = new ManualClock();
    logger = new RecordingLogger();
    stub.users.set('U0DANA001', { name: 'dana', real_name: 'Dana Reyes', display_name: 'Dana R.' });
    stub.users.set('U0SAM0001', { name: 'sam', real_name: 'Sam Ito' });
  });
  afterEach(() => stub.close());

  it('prefers the display name a person chose, then the full name', async () => {
    const nameOf = names();
    expect(await nameOf('U0DANA001')).toBe('Dana R.');
    expect(await nameOf('U0SAM0001')).toBe('Sam Ito');
  });

  it('asks Slack once per person while the name is fresh, and again after an hour', async () => {
    const nameOf = names();
    await Promise.all([nameOf('U0DANA001'), nameOf('U0DANA001')]);
    await nameOf('U0DANA001');
    expect(asked()).toBe(1);

    stub.users.set('U0DANA001', { name: 'dana', real_name: 'Dana Reyes-Ito' });
    clock.advance(HOUR + 1);
    expect(await nameOf('U0DANA001')).toBe('Dana Reyes-Ito');
    expect(asked()).toBe(2);
  });

  it('goes on without a name when Slack refuses, says so once, and tries again later', async () => {
    const nameOf = names();
    stub.fail('users.info', 500, 2);
    expect(await nameOf('U0DANA001')).toBeUndefined();
    expect(await nameOf('U0SAM0001')).toBeUndefined();
    expect(await nameOf('U0DANA001')).toBeUndefined();
    expect(asked()).toBe(2);
    expect(logger.count('slack.users.info.failed')).toBe(1);

    clock.advance(5 * 60 * 1000 + 1);
    expect(await nameOf('U0DANA001')).toBe('Dana R.');
  });

  it('an unknown id has no name', async () => {
    expect(await names()('U0GHOST01')).toBeUndefined();
  });

  it('waits once for a call that never answers, not on every turn', async () => {
    let calls = 0;
    const hung = new webApi.WebClient('xoxb-test', {
      retryConfig: { retries: 0 },
      fetch: () => {
        calls += 1;
        return new Promise<never>(() => {});
      },
    });
    let waits = 0;
    const nameOf = createUserNames({
      client: hung,
      logger,
      clock,
      sleep: () => {
        waits += 1;
        return Promise.resolve();
      },
    });

    expect(await nameOf('U0DANA001')).toBeUndefined();
    expect(await nameOf('U0DANA001')).toBeUndefined();
    expect(waits).toBe(1);
    clock.advance(5 * 60 * 1000 + 1);
    expect(await nameOf('U0DANA001')).toBeUndefined();
    expect(waits).toBe(2);
    // The hung call is still the one waited on: no second call piles up behind it.
    expect(calls).toBe(1);
  });

  it('does not hold a turn for a slow answer: the name arrives later, for the next turn', async () => {
    const nameOf = names({ sleep: () => Promise.resolve() });
    expect(await nameOf('U0DANA001')).toBeUndefined();
    await stub.until(() => asked() === 1);
    await new Promise((resolve) => setImmediate(resolve));
    await expect.poll(() => nameOf('U0DANA001')).toBe('Dana R.');
    expect(asked()).toBe(1);
  });
});
