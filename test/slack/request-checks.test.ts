import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directMessage, eventEnvelope, FORM, sendSigned, slashCommand } from '../support/slack-requests.js';
import { ScriptedHandler } from './scripted-handler.js';
import { type Harness, startHarness } from './slack-harness.js';

let harness: Harness;
const handler = new ScriptedHandler();
beforeAll(async () => {
  harness = await startHarness(handler, { bodyLimitBytes: 64 * 1024 });
});
afterAll(async () => harness.close());

const command = () => slashCommand({ text: 'restore pg-orders', responseUrl: harness.stub.responseUrl('x') });

/** After each refused request the server must still answer a good one, and the refused one ran nothing. */
async function expectNothingRanAndStillServing() {
  const before = handler.turns.length;
  const ok = await sendSigned(
    harness.url,
    eventEnvelope(directMessage({ text: 'still there?', ts: `${Date.now()}.1` })),
  );
  expect(ok.status).toBe(200);
  await handler.received(before + 1);
  expect(handler.turns.at(-1)?.text).toBe('still there?');
  expect(handler.turns.slice(0, before).some((t) => t.text === 'restore pg-orders')).toBe(false);
}

describe('requests that fail the signature check get 401 and run nothing', () => {
  it('a bad signature', async () => {
    const res = await sendSigned(harness.url, command(), {
      contentType: FORM,
      signature: `v0=${'0'.repeat(64)}`,
    });
    expect(res.status).toBe(401);
    await expectNothingRanAndStillServing();
  });

  it('a body signed with another secret', async () => {
    const res = await sendSigned(harness.url, command(), { contentType: FORM, secret: 'not-the-secret' });
    expect(res.status).toBe(401);
  });

  it('a tampered body', async () => {
    const signed = command();
    const res = await sendSigned(harness.url, signed.replace('restore', 'restorf'), {
      contentType: FORM,
      signedBody: signed,
    });
    expect(res.status).toBe(401);
    await expectNothingRanAndStillServing();
  });

  it('a timestamp older than five minutes, even correctly signed', async () => {
    const res = await sendSigned(harness.url, command(), {
      contentType: FORM,
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    expect(res.status).toBe(401);
    await expectNothingRanAndStillServing();
  });

  it('a timestamp more than five minutes ahead', async () => {
    const res = await sendSigned(harness.url, command(), {
      contentType: FORM,
      // Rounded up: floor() plus 301 is only 300.x s ahead once the clock's fraction and the trip pass 1 s.
      timestamp: Math.ceil(Date.now() / 1000) + 301,
    });
    expect(res.status).toBe(401);
  });

  it('missing signature headers', async () => {
    const res = await fetch(harness.url, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: command(),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ ok: false, error: expect.stringContaining('signature') });
  });
});

describe('bad bodies get a clear 4xx and the server stays up', () => {
  it('an oversized body gets 413', async () => {
    const res = await sendSigned(
      harness.url,
      JSON.stringify({ type: 'event_callback', pad: 'x'.repeat(100 * 1024) }),
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: expect.stringContaining('exceeds') });
    await expectNothingRanAndStillServing();
  });

  it('an oversized body without a content length (chunked) gets 413', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(100 * 1024) });
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await fetch(harness.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': 'v0=00',
      },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('malformed JSON gets 400', async () => {
    const res = await sendSigned(harness.url, '{"type": "event_callback", ');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'body is not valid JSON' });
    await expectNothingRanAndStillServing();
  });

  it('JSON that is not an object gets 400', async () => {
    expect((await sendSigned(harness.url, '[1,2]')).status).toBe(400);
    expect((await sendSigned(harness.url, 'null')).status).toBe(400);
  });

  it('malformed form encoding gets 400', async () => {
    const res = await sendSigned(harness.url, 'command=%2Fgeorestore&text=%E0%A4%A', { contentType: FORM });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'form body has malformed percent-encoding' });
  });

  it('an interactivity payload that is not JSON gets 400', async () => {
    const res = await sendSigned(harness.url, 'payload=%7Bnot-json', { contentType: FORM });
    expect(res.status).toBe(400);
  });

  it('raw control characters get 400', async () => {
    const res = await sendSigned(harness.url, '{"type":"event_callback","x":"a\u0000b"}');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'body contains control characters' });
  });

  it('bytes that are not UTF-8 get 400', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await fetch(harness.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': 'v0=00',
      },
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('an unknown content type gets 415', async () => {
    const res = await sendSigned(harness.url, 'hello', { contentType: 'text/plain' });
    expect(res.status).toBe(415);
    await expectNothingRanAndStillServing();
  });

  it('a signed payload of a kind we do not handle gets 404, not a crash', async () => {
    const res = await sendSigned(harness.url, JSON.stringify({ type: 'something_new' }));
    expect(res.status).toBe(404);
    await expectNothingRanAndStillServing();
  });

  it('signed payloads whose nested fields have the wrong shape get 400, not a 500 from Bolt', async () => {
    const bodies = [
      JSON.stringify({ type: 'event_callback', event: false }),
      JSON.stringify({ event: { type: 'message', channel: null } }),
      JSON.stringify({ event: { type: 'message' }, authorizations: [null] }),
      new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', actions: [] }) }).toString(),
      new URLSearchParams({
        payload: JSON.stringify({ actions: [], user: { id: 'U1' }, channel: null }),
      }).toString(),
    ];

    const statuses = [];
    for (const [i, body] of bodies.entries())
      statuses.push((await sendSigned(harness.url, body, i >= 3 ? { contentType: FORM } : {})).status);

    expect(statuses).toEqual([400, 400, 400, 400, 400]);
    await expectNothingRanAndStillServing();
  });

  it('answers the URL verification challenge, only when signed', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 't' });
    const good = await sendSigned(harness.url, body);
    expect(await good.json()).toEqual({ challenge: 'abc123' });
    expect((await sendSigned(harness.url, body, { signature: 'v0=bad' })).status).toBe(401);
  });

  it("answers Slack's unsigned ssl_check with 200 and runs nothing", async () => {
    const before = handler.turns.length;
    const res = await fetch(harness.url, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: 'ssl_check=1&token=x',
    });
    expect(res.status).toBe(200);
    expect(handler.turns.length).toBe(before);
  });
});
