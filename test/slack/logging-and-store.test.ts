import { afterEach, describe, expect, it } from 'vitest';
import { BotError } from '../../bot/errors.js';
import type { Logger } from '../../bot/ports/logger.js';
import { directMessage, eventEnvelope, sendSigned } from '../support/slack-requests.js';
import { ScriptedHandler } from './scripted-handler.js';
import { BOT_TOKEN, type Harness, startHarness } from './slack-harness.js';

let harness: Harness;
afterEach(async () => harness?.close());

function recordingLogger(lines: Array<{ level: string; obj: object; msg?: string }>): Logger {
  const logger: Logger = {
    debug: (obj, msg) => lines.push({ level: 'debug', obj, ...(msg ? { msg } : {}) }),
    info: (obj, msg) => lines.push({ level: 'info', obj, ...(msg ? { msg } : {}) }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, ...(msg ? { msg } : {}) }),
    error: (obj, msg) => lines.push({ level: 'error', obj, ...(msg ? { msg } : {}) }),
    child: () => logger,
  };
  return logger;
}

describe('what the Slack edge logs', () => {
  it('logs turns as events, with neither the token nor what the user typed above debug', async () => {
    const lines: Array<{ level: string; obj: object; msg?: string }> = [];
    harness = await startHarness(new ScriptedHandler(), { logger: recordingLogger(lines) });
    harness.stub.rateLimit('chat.postMessage', 1, 1);

    await sendSigned(
      harness.url,
      eventEnvelope(directMessage({ text: 'my secret server pg-payroll', ts: '1767004000.1' })),
    );
    await sendSigned(harness.url, 'not json');
    await harness.stub.until((s) => s.accepted('chat.postMessage').length === 1);

    const visible = JSON.stringify(lines.filter((l) => l.level !== 'debug'));
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['slack.turn', 'slack.rate_limited', 'slack.request.rejected']),
    );
    expect(JSON.stringify(lines)).not.toContain(BOT_TOKEN);
    expect(visible).not.toContain('pg-payroll');
  });
});

describe('de-duplication when the store is down', () => {
  it('still answers: a rare duplicate beats a lost question', async () => {
    const handler = new ScriptedHandler();
    harness = await startHarness(handler);
    harness.store.write = async () => {
      throw new BotError('store.unavailable', 'disk gone');
    };

    await sendSigned(harness.url, eventEnvelope(directMessage({ text: 'help', ts: '1767004100.1' })));
    await harness.stub.until((s) => s.accepted('chat.postMessage').length === 1);

    expect(handler.turns).toHaveLength(1);
  });
});
