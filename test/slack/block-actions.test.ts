import { afterEach, describe, expect, it } from 'vitest';
import { Actions } from '../../bot/model.js';
import { blockActions, directMessage, eventEnvelope, FORM, sendSigned } from '../support/slack-requests.js';
import { ScriptedHandler } from './scripted-handler.js';
import { type Harness, startHarness } from './slack-harness.js';

let harness: Harness;
afterEach(async () => harness?.close());

describe('Block Kit button clicks', () => {
  it('round-trip a button from a rendered reply back into Turn.action, for whoever clicked', async () => {
    const handler = new ScriptedHandler();
    harness = await startHarness(handler);
    await sendSigned(
      harness.url,
      eventEnvelope(directMessage({ text: 'geo backup?', ts: '1767001000.000001' })),
    );
    await harness.stub.until((s) => s.accepted('chat.postMessage').length === 1);
    const blocks = harness.stub.accepted('chat.postMessage')[0]?.args.blocks as Array<{
      type: string;
      elements?: Array<{ action_id: string; value?: string }>;
    }>;
    const pick = blocks.find((b) => b.type === 'actions')?.elements?.[1];

    await sendSigned(
      harness.url,
      blockActions({
        actionId: String(pick?.action_id),
        ...(pick?.value ? { value: pick.value } : {}),
        responseUrl: harness.stub.responseUrl('a1'),
        channel: 'D1',
        userId: 'U2',
      }),
      { contentType: FORM },
    );
    await handler.received(2);

    expect(handler.turns[1]).toMatchObject({
      address: { channel: 'slack', conversationId: 'D1' },
      user: { id: 'U2' },
      action: { id: Actions.pick, value: 'how-to-geo-restore' },
    });
  });

  it('answers a click in a thread in that thread', async () => {
    harness = await startHarness(new ScriptedHandler());

    const res = await sendSigned(
      harness.url,
      blockActions({
        actionId: 'restore.start#0',
        value: JSON.stringify({ server: 'pg-orders' }),
        responseUrl: harness.stub.responseUrl('a1'),
        messageTs: '1767001100.000002',
        threadTs: '1767001100.000001',
      }),
      { contentType: FORM },
    );
    await harness.stub.until((s) => s.accepted('chat.postMessage').length === 1);

    expect(res.status).toBe(200);
    expect(harness.stub.accepted('chat.postMessage')[0]?.args).toMatchObject({
      channel: 'C1',
      thread_ts: '1767001100.000001',
    });
  });

  it('answers a click on an ephemeral message through its response_url, privately', async () => {
    harness = await startHarness(
      new ScriptedHandler(() => [{ kind: 'info', text: 'Noted.', personal: true }]),
    );

    await sendSigned(
      harness.url,
      blockActions({
        actionId: `${Actions.feedback}#3`,
        value: '{"helpful":true}',
        responseUrl: harness.stub.responseUrl('a2'),
        ephemeral: true,
      }),
      { contentType: FORM },
    );
    await harness.stub.until((s) => s.accepted('respond:a2').length === 1);

    expect(harness.stub.accepted('respond:a2')[0]?.args).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
    });
  });

  it('acknowledges before a slow answer to the click has finished', async () => {
    const handler = new ScriptedHandler();
    const release = handler.hold();
    harness = await startHarness(handler);

    const res = await sendSigned(
      harness.url,
      blockActions({
        actionId: `${Actions.human}#0`,
        responseUrl: harness.stub.responseUrl('a3'),
        threadTs: '1767001200.000001',
      }),
      { contentType: FORM },
    );

    expect(res.status).toBe(200);
    await handler.received(1);
    expect(handler.finished).toBe(0);
    release();
    await harness.stub.until((s) => s.accepted('chat.postMessage').length === 1);
  });

  it('handles the same click delivered twice once', async () => {
    const handler = new ScriptedHandler();
    harness = await startHarness(handler);
    const body = blockActions({
      actionId: `${Actions.human}#0`,
      responseUrl: harness.stub.responseUrl('a4'),
      threadTs: '1767001300.000001',
      actionTs: '1767001301.123456',
    });

    await sendSigned(harness.url, body, { contentType: FORM });
    await sendSigned(harness.url, body, { contentType: FORM });
    await harness.stub.until((s) => s.accepted('chat.postMessage').length === 1);

    expect(handler.turns).toHaveLength(1);
  });

  it('acknowledges and ignores a click whose action id or value we did not write', async () => {
    const handler = new ScriptedHandler();
    harness = await startHarness(handler);

    const foreign = await sendSigned(
      harness.url,
      blockActions({ actionId: 'someone-else', responseUrl: harness.stub.responseUrl('a5') }),
      {
        contentType: FORM,
      },
    );
    const badValue = await sendSigned(
      harness.url,
      blockActions({
        actionId: 'faq.pick#0',
        value: '{not json',
        responseUrl: harness.stub.responseUrl('a5'),
      }),
      { contentType: FORM },
    );
    await sendSigned(
      harness.url,
      blockActions({ actionId: 'help#0', responseUrl: harness.stub.responseUrl('a5'), threadTs: '1.1' }),
      {
        contentType: FORM,
      },
    );
    await handler.received(1);

    expect([foreign.status, badValue.status]).toEqual([200, 200]);
    expect(handler.turns.map((t) => t.action?.id)).toEqual(['help']);
  });
});
