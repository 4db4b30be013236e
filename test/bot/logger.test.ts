import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../bot/logging/logger.js';

function capture(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line));
      }
      done();
    },
  });
  // pino writes synchronously to a plain stream's write(), so lines are there when the call returns.
  return { logger: createLogger({ level, destination }), lines, raw };
}

describe('createLogger', () => {
  it('writes a child logger line with its bindings, at or above the level only', () => {
    const { logger, lines } = capture('warn');
    const child = logger.child({ channel: 'slack', conversationId: 'D1' });
    child.info({ n: 1 }, 'quiet');
    expect(lines).toEqual([]);
    child.warn({ n: 2 }, 'loud');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'warn',
      channel: 'slack',
      conversationId: 'D1',
      n: 2,
      msg: 'loud',
    });
  });

  it('merges the bindings of a child of a child, the inner one winning, each key written once', () => {
    const { logger, lines, raw } = capture('info');
    logger
      .child({ component: 'slack', conversationId: 'outer' })
      .child({ conversationId: 'inner' })
      .info({}, 'x');
    expect(lines[0]).toMatchObject({ component: 'slack', conversationId: 'inner', msg: 'x' });
    expect(raw[0]?.match(/conversationId/g)).toHaveLength(1);
  });

  it('redacts secrets in a child logger bindings and in a line', () => {
    const { logger, lines } = capture('info');
    logger.child({ token: 'xoxb-secret' }).error({ headers: { authorization: 'Bearer abc' } }, 'failed');
    const text = JSON.stringify(lines);
    expect(text).not.toContain('xoxb-secret');
    expect(text).not.toContain('Bearer abc');
    expect(lines[0]).toMatchObject({ token: '[redacted]', msg: 'failed' });
  });
});
