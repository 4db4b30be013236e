import { describe, expect, it } from 'vitest';
import { type ConsoleMethods, routeConsole } from '../../bot/logging/route-console.js';
import { RecordingLogger } from '../support/recording-logger.js';

describe('routeConsole', () => {
  it("turns a library's console output into one log line per call, errors as warnings, long text cut", () => {
    const printed: string[] = [];
    const fake: ConsoleMethods = {
      error: (...a: unknown[]) => printed.push(a.join(' ')),
      warn: (...a: unknown[]) => printed.push(a.join(' ')),
      info: (...a: unknown[]) => printed.push(a.join(' ')),
      log: (...a: unknown[]) => printed.push(a.join(' ')),
      debug: (...a: unknown[]) => printed.push(a.join(' ')),
    };
    const logger = new RecordingLogger();
    routeConsole(fake, logger);

    fake.error(new Error('jwt expired'));
    fake.error('Error finding key for token. Available keys: %s', 'x'.repeat(5000));
    fake.log('banner');

    expect(printed).toEqual([]);
    expect(logger.lines.map((l) => [l.level, l.msg])).toEqual([
      ['warn', 'console.error'],
      ['warn', 'console.error'],
      ['info', 'console.log'],
    ]);
    const [stack, long, banner] = logger.lines.map((l) => (l.obj as { text: string }).text);
    expect(stack).toContain('Error: jwt expired');
    expect(long?.length).toBe(2001);
    expect(banner).toBe('banner');
  });
});
