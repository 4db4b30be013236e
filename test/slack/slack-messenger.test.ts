import { afterEach, describe, expect, it } from 'vitest';
import { isBotError } from '../../bot/errors.js';
import type { Address } from '../../bot/model.js';
import { directMessage, eventEnvelope, sendSigned } from '../support/slack-requests.js';
import { ScriptedHandler } from './scripted-handler.js';
import { type Harness, startHarness } from './slack-harness.js';

let harness: Harness;
afterEach(async () => harness?.close());

const thread: Address = {
  channel: 'slack',
  conversationId: 'C1',
  threadId: '1767003000.000001',
  ref: { teamId: 'T1', userId: 'U1' },
};

describe('proactive messages (Messenger)', () => {
  it('posts into a stored channel thread with blocks', async () => {
    harness = await startHarness(new ScriptedHandler());

    const sent = await harness.edge.messenger.send(thread, {
      kind: 'progress',
      summary: 'Restore started',
      text: 'About 40 minutes.',
    });

    const [post] = harness.stub.accepted('chat.postMessage');
    expect(post?.args).toMatchObject({ channel: 'C1', thread_ts: '1767003000.000001' });
    expect(sent).toEqual({ address: thread, messageId: post?.args.ts ?? expect.any(String) });
  });

  it('sends to an address stored from a real turn', async () => {
    const handler = new ScriptedHandler();
    harness = await startHarness(handler);
    await sendSigned(harness.url, eventEnvelope(directMessage({ text: 'help', ts: '1767003100.000001' })));
    await harness.stub.until((s) => s.accepted('chat.postMessage').length === 1);
    const stored = JSON.parse(JSON.stringify(handler.turns[0]?.address)) as Address;

    await harness.edge.messenger.send(stored, { kind: 'info', text: 'Your restore finished.' });

    expect(harness.stub.accepted('chat.postMessage')[1]?.args).toMatchObject({
      channel: 'D1',
      text: 'Your restore finished.',
    });
  });

  it('updates a sent message in place', async () => {
    harness = await startHarness(new ScriptedHandler());
    const sent = await harness.edge.messenger.send(thread, { kind: 'progress', text: 'Restoring: 10%' });

    await harness.edge.messenger.update(sent, { kind: 'progress', text: 'Restoring: 60%' });

    const [update] = harness.stub.accepted('chat.update');
    expect(update?.args).toMatchObject({ channel: 'C1', ts: sent.messageId, text: 'Restoring: 60%' });
    expect(harness.stub.accepted('chat.postMessage')).toHaveLength(1);
  });

  it('sends a personal message only to the user of the stored address', async () => {
    harness = await startHarness(new ScriptedHandler());

    await harness.edge.messenger.send(thread, { kind: 'info', text: 'Only for you.', personal: true });

    expect(harness.stub.accepted('chat.postEphemeral')[0]?.args).toMatchObject({ channel: 'C1', user: 'U1' });
    expect(harness.stub.accepted('chat.postMessage')).toHaveLength(0);
  });

  it('reports a Slack refusal as a channel.failed error', async () => {
    harness = await startHarness(new ScriptedHandler());
    const sent = await harness.edge.messenger.send(thread, { kind: 'info', text: 'x', personal: true });

    const error = await harness.edge.messenger
      .update(sent, { kind: 'info', text: 'y' })
      .catch((e: unknown) => e);

    expect(isBotError(error, 'channel.failed')).toBe(true);
  });

  it('refuses an address of another channel', async () => {
    harness = await startHarness(new ScriptedHandler());
    const error = await harness.edge.messenger
      .send({ channel: 'teams', conversationId: '19:abc' }, { kind: 'info', text: 'x' })
      .catch((e: unknown) => e);
    expect(isBotError(error, 'channel.failed')).toBe(true);
  });
});

describe('shutdown', () => {
  it('lets a turn that was acknowledged but not yet answered finish before stopping', async () => {
    const handler = new ScriptedHandler();
    const release = handler.hold();
    harness = await startHarness(handler);
    await sendSigned(harness.url, eventEnvelope(directMessage({ text: 'help', ts: '1767003200.000001' })));
    await handler.received(1);

    let stopped = false;
    const stopping = harness.edge.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);

    release();
    await stopping;
    expect(harness.stub.accepted('chat.postMessage')).toHaveLength(1);
  });
});
