import { afterEach, describe, expect, it } from 'vitest';
import { FORM, sendSigned, slashCommand } from '../support/slack-requests.js';
import { ScriptedHandler } from './scripted-handler.js';
import { alreadyPassed, BOT_TOKEN, type Harness, sendHelp, startHarness } from './slack-harness.js';

/** The JSON a slash command was acknowledged with ('' for an empty ack). */
async function ackBody(res: Response): Promise<Record<string, unknown> | ''> {
  const text = await res.text();
  return text === '' ? '' : (JSON.parse(text) as Record<string, unknown>);
}

let harness: Harness;
afterEach(async () => harness?.close());

/** The Block Kit layout of the scripted check answer: title, summary, facts, detail, context, buttons. */
const checkAnswerBlocks = ['header', 'section', 'section', 'section', 'context', 'actions'];

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
      user: { id: 'U1' },
      text: 'check pg-orders',
    });
  });

  it('answers a quick turn in the ack itself, with Block Kit, visible in the channel', async () => {
    harness = await startHarness(new ScriptedHandler());

    const res = await sendSigned(
      harness.url,
      slashCommand({ text: 'check pg-orders', responseUrl: harness.stub.responseUrl('r1') }),
      { contentType: FORM },
    );

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const answer = await ackBody(res);
    expect(answer).toMatchObject({ response_type: 'in_channel' });
    const blocks = (answer as { blocks: Array<{ type: string }> }).blocks;
    expect(blocks.map((b) => b.type)).toEqual(checkAnswerBlocks);
    expect(String((answer as { text: unknown }).text)).toContain('Geo-restore readiness of pg-orders');
    // One exchange: nothing else went to the response_url.
    await harness.edge.stop();
    expect(harness.stub.calls.filter((c) => c.method.startsWith('respond:'))).toHaveLength(0);
  });

  it('keeps mentions and links inert in an answer carried by the ack', async () => {
    const typed = '<!channel> <!here> <@U0ADMIN> <http://evil.example|click me> & more';
    harness = await startHarness(
      new ScriptedHandler(() => [{ kind: 'info', title: `About ${typed}`, text: `You asked: ${typed}` }]),
    );

    const res = await sendSigned(
      harness.url,
      slashCommand({ text: 'anything', responseUrl: harness.stub.responseUrl('r1') }),
      { contentType: FORM },
    );

    const raw = await res.text();
    const answer = JSON.parse(raw) as { text: string; blocks: unknown[] };
    expect(answer.blocks.length).toBeGreaterThan(0);
    for (const live of ['<!channel>', '<!here>', '<@U0ADMIN>', '<http://evil.example']) {
      expect(answer.text).not.toContain(live);
      expect(JSON.stringify(answer.blocks)).not.toContain(live);
    }
    expect(JSON.stringify(answer.blocks)).toContain('&lt;!channel&gt;');
    expect(answer.text).toContain('&amp; more');
  });

  it('answers through the response_url with Block Kit when the ack deadline passes first', async () => {
    harness = await startHarness(new ScriptedHandler(), { ackDeadline: alreadyPassed });

    const res = await sendSigned(
      harness.url,
      slashCommand({ text: 'check pg-orders', responseUrl: harness.stub.responseUrl('r1') }),
      { contentType: FORM },
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await harness.stub.until((s) => s.accepted('respond:r1').length === 1);

    const [answer] = harness.stub.accepted('respond:r1');
    expect(answer?.args).toMatchObject({ response_type: 'in_channel', replace_original: false });
    const blocks = answer?.args.blocks as Array<{ type: string }>;
    expect(blocks.map((b) => b.type)).toEqual(checkAnswerBlocks);
    expect(answer?.args.text).toContain('Geo-restore readiness of pg-orders');
  });

  it('sends the token to no response_url', async () => {
    harness = await startHarness(new ScriptedHandler(), { ackDeadline: alreadyPassed });

    await sendHelp(harness, 'r1');
    await harness.stub.until((s) => s.accepted('respond:r1').length === 1);

    expect(harness.stub.accepted('respond:r1')[0]?.authorization).toBeUndefined();
    expect(JSON.stringify(harness.stub.accepted('respond:r1'))).not.toContain(BOT_TOKEN);
  });

  it('delivers every reply of a quick turn: the first in the ack, the rest through the response_url in order', async () => {
    harness = await startHarness(
      new ScriptedHandler(() => [
        { kind: 'info', text: 'first' },
        { kind: 'info', text: 'second' },
        { kind: 'info', text: 'third', personal: true },
      ]),
    );

    const res = await sendHelp(harness, 'r1');

    expect(await ackBody(res)).toMatchObject({ response_type: 'in_channel', text: 'first' });
    await harness.stub.until((s) => s.accepted('respond:r1').length === 2);
    expect(harness.stub.accepted('respond:r1').map((c) => [c.args.text, c.args.response_type])).toEqual([
      ['second', 'in_channel'],
      ['third', 'ephemeral'],
    ]);
  });

  it('answers personal replies and errors only to the person who asked, in the ack too', async () => {
    harness = await startHarness(
      new ScriptedHandler(() => [
        { kind: 'info', text: 'Only you can see your permissions.', personal: true },
        { kind: 'error', text: 'That server name is not valid.' },
      ]),
    );

    const res = await sendSigned(
      harness.url,
      slashCommand({ text: 'restore pg-orders', responseUrl: harness.stub.responseUrl('r1') }),
      { contentType: FORM },
    );

    expect(await ackBody(res)).toMatchObject({ response_type: 'ephemeral' });
    await harness.stub.until((s) => s.accepted('respond:r1').length === 1);
    expect(harness.stub.accepted('respond:r1').map((c) => c.args.response_type)).toEqual(['ephemeral']);
  });

  it('answers personal replies and errors only to the person who asked, through the response_url', async () => {
    harness = await startHarness(
      new ScriptedHandler(() => [
        { kind: 'info', text: 'Only you can see your permissions.', personal: true },
        { kind: 'error', text: 'That server name is not valid.' },
      ]),
      { ackDeadline: alreadyPassed },
    );

    await sendSigned(
      harness.url,
      slashCommand({ text: 'restore pg-orders', responseUrl: harness.stub.responseUrl('r1') }),
      { contentType: FORM },
    );
    await harness.stub.until((s) => s.accepted('respond:r1').length === 2);

    expect(harness.stub.accepted('respond:r1').map((c) => c.args.response_type)).toEqual([
      'ephemeral',
      'ephemeral',
    ]);
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

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await ackBody(first)).toMatchObject({ response_type: 'in_channel' });
    expect(await ackBody(second)).toBe('');
    expect(handler.turns).toHaveLength(1);
  });

  it('accepts a signed command whose text is not ASCII, and percent-decodes every field', async () => {
    const handler = new ScriptedHandler();
    harness = await startHarness(handler);

    const res = await sendSigned(
      harness.url,
      slashCommand({ text: 'check pg-ördérs + 🚀 100%', responseUrl: harness.stub.responseUrl('r1') }),
      { contentType: FORM },
    );

    expect(res.status).toBe(200);
    await handler.received(1);
    expect(handler.turns[0]?.text).toBe('check pg-ördérs + 🚀 100%');
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
