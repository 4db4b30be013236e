import { afterEach, describe, expect, it } from 'vitest';
import { FORM, sendSigned, slashCommand } from '../support/slack-requests.js';
import { ScriptedHandler } from './scripted-handler.js';
import { type Harness, manualDeadline, sendHelp, startHarness } from './slack-harness.js';

let harness: Harness;
afterEach(async () => harness?.close());

describe('the /georestore slash command: how long the ack waits for the answer', () => {
  it('waits 2 s by default for an answer to carry in the ack', async () => {
    const deadline = manualDeadline();
    harness = await startHarness(new ScriptedHandler(), { ackDeadline: deadline });

    await sendHelp(harness, 'r1');

    expect(deadline.asked).toEqual([2000]);
  });

  it('waits as long as SLACK_COMMAND_ACK_MS says, and not at all with 0', async () => {
    const deadline = manualDeadline();
    harness = await startHarness(new ScriptedHandler(), { ackDeadline: deadline, configAckMs: 1200 });
    await sendHelp(harness, 'r1');
    await harness.close();

    harness = await startHarness(new ScriptedHandler(), { ackDeadline: deadline, configAckMs: 0 });
    await sendHelp(harness, 'r2');

    expect(deadline.asked).toEqual([1200, 0]);
  });

  it('never waits longer than leaves room for the ack within 3 s, whatever is configured', async () => {
    const deadline = manualDeadline();
    harness = await startHarness(new ScriptedHandler(), { ackDeadline: deadline, commandAckMs: 10_000 });

    await sendHelp(harness, 'r1');

    expect(deadline.asked).toEqual([2500]);
  });

  it('acknowledges empty at the deadline while a slow answer is running, then delivers it by response_url', async () => {
    const handler = new ScriptedHandler();
    const release = handler.hold();
    const deadline = manualDeadline();
    harness = await startHarness(handler, { ackDeadline: deadline });

    let settled = false;
    const pending = sendSigned(
      harness.url,
      slashCommand({ text: 'check pg-orders', responseUrl: harness.stub.responseUrl('r1') }),
      { contentType: FORM },
    ).finally(() => {
      settled = true;
    });
    await handler.received(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);

    deadline.expire();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(handler.finished).toBe(0);
    expect(harness.stub.accepted('respond:r1')).toHaveLength(0);

    release();
    await harness.stub.until((s) => s.accepted('respond:r1').length === 1);
    expect(handler.finished).toBe(1);
    expect(harness.stub.accepted('respond:r1')[0]?.args).toMatchObject({ response_type: 'in_channel' });
  });

  it('acknowledges a slow answer at the configured deadline on the real timer', async () => {
    const handler = new ScriptedHandler();
    const release = handler.hold();
    harness = await startHarness(handler, { commandAckMs: 200 });

    const started = performance.now();
    const res = await sendSigned(
      harness.url,
      slashCommand({ text: 'check pg-orders', responseUrl: harness.stub.responseUrl('r1') }),
      { contentType: FORM },
    );
    const tookMs = performance.now() - started;

    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(tookMs).toBeGreaterThanOrEqual(190);
    expect(tookMs).toBeLessThan(3000);
    release();
    await harness.stub.until((s) => s.accepted('respond:r1').length === 1);
  });
});
