import { afterEach, describe, expect, it } from 'vitest';
import { appMention, directMessage, eventEnvelope, sendSigned } from '../support/slack-requests.js';
import { ScriptedHandler } from './scripted-handler.js';
import { BOT_TOKEN, type Harness, startHarness } from './slack-harness.js';

let harness: Harness;
afterEach(async () => harness?.close());

const posted = (h: Harness) => h.stub.accepted('chat.postMessage');

describe('app_mention in a channel', () => {
  it('answers a top-level mention in a thread under it, with the bot mention stripped', async () => {
    const handler = new ScriptedHandler();
    harness = await startHarness(handler);

    const res = await sendSigned(
      harness.url,
      eventEnvelope(appMention({ text: '<@UBOT> check pg-orders', ts: '1767000100.000100' })),
    );
    await harness.stub.until((s) => s.accepted('chat.postMessage').length === 1);

    expect(res.status).toBe(200);
    expect(handler.turns[0]).toMatchObject({
      address: { channel: 'slack', conversationId: 'C1', threadId: '1767000100.000100' },
      user: { id: 'U1' },
      text: 'check pg-orders',
    });
    expect(posted(harness)[0]?.args).toMatchObject({ channel: 'C1', thread_ts: '1767000100.000100' });
    expect(posted(harness)[0]?.args.blocks).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'section' })]),
    );
    expect(posted(harness)[0]?.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  });

  it('answers a mention inside a thread in that same thread', async () => {
    harness = await startHarness(new ScriptedHandler());

    await sendSigned(
      harness.url,
      eventEnvelope(
        appMention({ text: '<@UBOT> help', ts: '1767000200.000200', threadTs: '1767000100.000100' }),
      ),
    );
    await harness.stub.until((s) => s.accepted('chat.postMessage').length === 1);

    expect(posted(harness)[0]?.args.thread_ts).toBe('1767000100.000100');
  });

  it('shows an error only to the person who asked, in the thread', async () => {
    harness = await startHarness(
      new ScriptedHandler(() => [{ kind: 'error', text: 'I could not reach Azure.' }]),
    );

    await sendSigned(
      harness.url,
      eventEnvelope(appMention({ text: '<@UBOT> check x', ts: '1767000300.000300', user: 'U7' })),
    );
    await harness.stub.until((s) => s.accepted('chat.postEphemeral').length === 1);

    expect(harness.stub.accepted('chat.postEphemeral')[0]?.args).toMatchObject({
      channel: 'C1',
      user: 'U7',
      thread_ts: '1767000300.000300',
    });
    expect(posted(harness)).toHaveLength(0);
  });

  it('answers an event that Slack retries (X-Slack-Retry-Num) once', async () => {
    const handler = new ScriptedHandler();
    const release = handler.hold();
    harness = await startHarness(handler);
    const body = eventEnvelope(appMention({ text: '<@UBOT> help', ts: '1767000400.000400' }), 'Ev-retried');

    const first = await sendSigned(harness.url, body);
    const retry = await sendSigned(harness.url, body, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    const again = await sendSigned(harness.url, body, {
      headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' },
    });
    release();
    await harness.stub.until((s) => s.accepted('chat.postMessage').length === 1);
    // A later, unrelated event proves the duplicates had their chance to be (wrongly) processed.
    await sendSigned(
      harness.url,
      eventEnvelope(appMention({ text: '<@UBOT> help', ts: '1767000401.000401' })),
    );
    await harness.stub.until((s) => s.accepted('chat.postMessage').length === 2);

    expect([first.status, retry.status, again.status]).toEqual([200, 200, 200]);
    expect(handler.turns).toHaveLength(2);
    expect(await harness.store.read('slack:seen:event:Ev-retried')).toBeDefined();
  });

  it('ignores mentions written by bots', async () => {
    const handler = new ScriptedHandler();
    harness = await startHarness(handler);

    await sendSigned(
      harness.url,
      eventEnvelope(appMention({ text: '<@UBOT> help', ts: '1767000500.000500', botId: 'BOTHER' })),
    );
    await sendSigned(
      harness.url,
      eventEnvelope(appMention({ text: '<@UBOT> check a', ts: '1767000501.000501' })),
    );
    await harness.stub.until((s) => s.accepted('chat.postMessage').length === 1);

    expect(handler.turns.map((t) => t.text)).toEqual(['check a']);
  });
});

describe('direct messages', () => {
  it('answers a DM in the DM, top level', async () => {
    const handler = new ScriptedHandler();
    harness = await startHarness(handler);

    await sendSigned(
      harness.url,
      eventEnvelope(directMessage({ text: 'what is geo-redundant backup?', ts: '1767000600.000600' })),
    );
    await harness.stub.until((s) => s.accepted('chat.postMessage').length === 1);

    expect(handler.turns[0]).toMatchObject({
      address: { conversationId: 'D1' },
      text: 'what is geo-redundant backup?',
    });
    expect(handler.turns[0]?.address.threadId).toBeUndefined();
    expect(posted(harness)[0]?.args.channel).toBe('D1');
    expect(posted(harness)[0]?.args.thread_ts).toBeUndefined();
  });

  it('answers an error in a DM as a normal message, since a DM is already private', async () => {
    harness = await startHarness(new ScriptedHandler(() => [{ kind: 'error', text: 'Not allowed.' }]));

    await sendSigned(
      harness.url,
      eventEnvelope(directMessage({ text: 'restore x', ts: '1767000650.000650' })),
    );
    await harness.stub.until((s) => s.accepted('chat.postMessage').length === 1);

    expect(harness.stub.accepted('chat.postEphemeral')).toHaveLength(0);
  });

  it("ignores the bot's own messages, other bots' messages and edits", async () => {
    const handler = new ScriptedHandler();
    harness = await startHarness(handler);

    await sendSigned(
      harness.url,
      eventEnvelope(
        directMessage({ text: 'my own answer', ts: '1767000700.1', user: 'UBOT', botId: 'BBOT' }),
      ),
    );
    await sendSigned(
      harness.url,
      eventEnvelope(directMessage({ text: 'another bot', ts: '1767000700.2', user: 'U9', botId: 'B9' })),
    );
    await sendSigned(
      harness.url,
      eventEnvelope(directMessage({ text: 'edited', ts: '1767000700.3', subtype: 'message_changed' })),
    );
    await sendSigned(harness.url, eventEnvelope(directMessage({ text: 'a person', ts: '1767000700.4' })));
    await harness.stub.until((s) => s.accepted('chat.postMessage').length === 1);

    expect(handler.turns.map((t) => t.text)).toEqual(['a person']);
  });
});

describe('injected mentions and links', () => {
  it('arrive in Slack inert: escaped in every block and in the fallback text', async () => {
    const handler = new ScriptedHandler();
    harness = await startHarness(handler);
    const typed = '<!channel> <!here> <@U0ADMIN> <http://evil.example|click me> & more';

    await sendSigned(
      harness.url,
      eventEnvelope(directMessage({ text: typed.replace(/&/g, '&amp;'), ts: '1767000800.000800' })),
    );
    await harness.stub.until((s) => s.accepted('chat.postMessage').length === 1);

    const message = posted(harness)[0]?.args;
    const wire = JSON.stringify(message);
    expect(handler.turns[0]?.text).toBe('@channel @here @U0ADMIN click me & more');
    for (const live of ['<!channel>', '<!here>', '<@U0ADMIN>', '<http://evil.example'])
      expect(wire).not.toContain(live);
    expect(String(message?.text)).toContain('@channel @here @U0ADMIN click me &amp; more');
    const blocks = message?.blocks as Array<{ text?: { verbatim?: boolean; type: string } }>;
    for (const block of blocks) if (block.text?.type === 'mrkdwn') expect(block.text.verbatim).toBe(true);
  });

  it('escapes a raw mention an engine reply carries', async () => {
    harness = await startHarness(
      new ScriptedHandler(() => [
        {
          kind: 'answer',
          title: '<!everyone>',
          summary: '<@U1>',
          text: 'Azure said: <!channel> & <https://x|y>',
        },
      ]),
    );

    await sendSigned(harness.url, eventEnvelope(directMessage({ text: 'hi', ts: '1767000900.000900' })));
    await harness.stub.until((s) => s.accepted('chat.postMessage').length === 1);

    const wire = JSON.stringify(posted(harness)[0]?.args);
    expect(wire).not.toMatch(/<[!@#]|<https?:/);
    expect(wire).toContain('&lt;!channel&gt; &amp; &lt;https://x|y&gt;');
  });
});
