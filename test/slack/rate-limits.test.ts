import { afterEach, describe, expect, it } from 'vitest';
import { directMessage, eventEnvelope, FORM, sendSigned, slashCommand } from '../support/slack-requests.js';
import { ScriptedHandler } from './scripted-handler.js';
import { alreadyPassed, type Harness, startHarness } from './slack-harness.js';

let harness: Harness;
afterEach(async () => harness?.close());

describe('rate limits (429 + Retry-After)', () => {
  it('waits as long as Slack asks, then posts the answer exactly once', async () => {
    harness = await startHarness(new ScriptedHandler());
    harness.stub.rateLimit('chat.postMessage', 7, 2);

    await sendSigned(harness.url, eventEnvelope(directMessage({ text: 'help', ts: '1767002000.000001' })));
    await harness.stub.until((s) => s.accepted('chat.postMessage').length === 1);

    const attempts = harness.stub.calls.filter((c) => c.method === 'chat.postMessage');
    expect(attempts.map((c) => c.status)).toEqual([429, 429, 200]);
    expect(harness.sleeps).toEqual([7000, 7000]);
    expect(harness.stub.accepted('chat.postMessage')).toHaveLength(1);
  });

  it('keeps several answers of one turn in order through a rate limit', async () => {
    harness = await startHarness(
      new ScriptedHandler(() => [
        { kind: 'info', text: 'first' },
        { kind: 'info', text: 'second' },
      ]),
    );
    harness.stub.rateLimit('chat.postMessage', 1, 1);

    await sendSigned(
      harness.url,
      eventEnvelope(directMessage({ text: 'two please', ts: '1767002100.000001' })),
    );
    await harness.stub.until((s) => s.accepted('chat.postMessage').length === 2);

    expect(harness.stub.accepted('chat.postMessage').map((c) => c.args.text)).toEqual(['first', 'second']);
  });

  it('honours a 429 on a response_url too', async () => {
    harness = await startHarness(new ScriptedHandler(), { ackDeadline: alreadyPassed });
    harness.stub.rateLimit('respond:r9', 3, 1);

    await sendSigned(
      harness.url,
      slashCommand({ text: 'help', responseUrl: harness.stub.responseUrl('r9') }),
      { contentType: FORM },
    );
    await harness.stub.until((s) => s.accepted('respond:r9').length === 1);

    expect(harness.stub.calls.filter((c) => c.method === 'respond:r9').map((c) => c.status)).toEqual([
      429, 200,
    ]);
    expect(harness.sleeps).toEqual([3000]);
  });
});
