import { afterEach, describe, expect, it } from 'vitest';
import { FORM, sendSigned, slashCommand } from '../support/slack-requests.js';
import { ScriptedHandler } from './scripted-handler.js';
import { BOT_TOKEN, type Harness, startHarness } from './slack-harness.js';

let harness: Harness;
afterEach(async () => harness?.close());

describe('the /georestore slash command over signed HTTP', () => {
  it('passes the command text to the engine as a turn from the user in that channel', async () => {
    const handler = new ScriptedHandler();
    harness = await startHarness(handler);

    const res = await sendSigned(
      harness.url,
      slashCommand({ text: 'check pg-orders', responseUrl: harness.stub.responseUrl('r1') }),
      {
        contentType: FORM,
      },
    );

    expect(res.status).toBe(200);
    await handler.received(1);
    expect(handler.turns[0]).toMatchObject({
      address: { channel: 'slack', conversationId: 'C1', ref: { teamId: 'T1', userId: 'U1' } },
      user: { id: 'U1', displayName: 'alice' },
      text: 'check pg-orders',
    });
  });

  it('answers through the response_url with Block Kit, visible in the channel', async () => {
    harness = await startHarness(new ScriptedHandler());

    await sendSigned(
      harness.url,
      slashCommand({ text: 'check pg-orders', responseUrl: harness.stub.responseUrl('r1') }),
      {
        contentType: FORM,
      },
    );
    await harness.stub.until((s) => s.accepted('respond:r1').length === 1);

    const [answer] = harness.stub.accepted('respond:r1');
    expect(answer?.args).toMatchObject({ response_type: 'in_channel', replace_original: false });
    const blocks = answer?.args.blocks as Array<{ type: string }>;
    expect(blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'section',
      'context',
      'actions',
    ]);
    expect(answer?.args.text).toContain('Geo-restore readiness of pg-orders');
  });

  it('sends the token to no response_url', async () => {
    harness = await startHarness(new ScriptedHandler());

    await sendSigned(
      harness.url,
      slashCommand({ text: 'help', responseUrl: harness.stub.responseUrl('r1') }),
      { contentType: FORM },
    );
    await harness.stub.until((s) => s.accepted('respond:r1').length === 1);

    expect(harness.stub.accepted('respond:r1')[0]?.authorization).toBeUndefined();
    expect(JSON.stringify(harness.stub.accepted('respond:r1'))).not.toContain(BOT_TOKEN);
  });

  it('answers personal replies and errors only to the person who asked', async () => {
    harness = await startHarness(
      new ScriptedHandler(() => [
        { kind: 'info', text: 'Only you can see your permissions.', personal: true },
        { kind: 'error', text: 'That server name is not valid.' },
      ]),
    );

    await sendSigned(
      harness.url,
      slashCommand({ text: 'restore pg-orders', responseUrl: harness.stub.responseUrl('r1') }),
      {
        contentType: FORM,
      },
    );
    await harness.stub.until((s) => s.accepted('respond:r1').length === 2);

    expect(harness.stub.accepted('respond:r1').map((c) => c.args.response_type)).toEqual([
      'ephemeral',
      'ephemeral',
    ]);
  });

  it('acknowledges before a slow answer has finished, then delivers the answer', async () => {
    const handler = new ScriptedHandler();
    const release = handler.hold();
    harness = await startHarness(handler);

    const res = await sendSigned(
      harness.url,
      slashCommand({ text: 'check pg-orders', responseUrl: harness.stub.responseUrl('r1') }),
      {
        contentType: FORM,
      },
    );

    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await handler.received(1);
    expect(handler.finished).toBe(0);
    expect(harness.stub.accepted('respond:r1')).toHaveLength(0);

    release();
    await harness.stub.until((s) => s.accepted('respond:r1').length === 1);
    expect(handler.finished).toBe(1);
  });

  it('still answers, with an apology, when the engine throws', async () => {
    harness = await startHarness(
      new ScriptedHandler(() => {
        throw new Error('engine bug');
      }),
    );

    await sendSigned(
      harness.url,
      slashCommand({ text: 'help', responseUrl: harness.stub.responseUrl('r1') }),
      { contentType: FORM },
    );
    await harness.stub.until((s) => s.accepted('respond:r1').length === 1);

    const [apology] = harness.stub.accepted('respond:r1');
    expect(apology?.args).toMatchObject({ response_type: 'ephemeral' });
    expect(String(apology?.args.text)).toContain('something went wrong');
    expect(String(apology?.args.text)).not.toContain('engine bug');
  });

  it('handles a command delivered twice (same trigger id) once', async () => {
    const handler = new ScriptedHandler();
    harness = await startHarness(handler);
    const body = slashCommand({
      text: 'help',
      responseUrl: harness.stub.responseUrl('r1'),
      triggerId: 'trig-1',
    });

    const first = await sendSigned(harness.url, body, { contentType: FORM });
    const second = await sendSigned(harness.url, body, { contentType: FORM });
    await harness.stub.until((s) => s.accepted('respond:r1').length === 1);

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(handler.turns).toHaveLength(1);
  });

  it('strips control characters from what the user typed', async () => {
    const handler = new ScriptedHandler();
    harness = await startHarness(handler);

    await sendSigned(
      harness.url,
      slashCommand({
        text: 'check pg-\u0000or\u0007ders\u202e',
        responseUrl: harness.stub.responseUrl('r1'),
      }),
      {
        contentType: FORM,
      },
    );
    await handler.received(1);

    expect(handler.turns[0]?.text).toBe('check pg-orders');
  });
});
