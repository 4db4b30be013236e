import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../adapters/store/memory-store.js';
import { housekeeping, legacyDoneKey } from '../../bot/housekeeping.js';
import { silentLogger } from '../../bot/ports/logger.js';
import { ManualClock } from '../support/manual-clock.js';

const day = 86_400_000;

describe('records written before there was a retention', () => {
  it('get an expiry from their own time once, a page at a time, and the sweep removes them when it passes', async () => {
    const clock = new ManualClock('2026-06-01T00:00:00Z');
    const store = new MemoryStore(clock);
    const at = (daysAgo: number) => new Date(clock.now().getTime() - daysAgo * day).toISOString();
    // 1,200 conversations last active 10 days ago (more than two pages), one active 40 days ago.
    for (let i = 0; i < 1200; i++)
      await store.write(`conv/slack/C${String(i).padStart(4, '0')}/-/U1`, {
        misses: 0,
        transcript: [{ from: 'user', text: 'hi', at: at(10) }],
      });
    await store.write('conv/slack/OLD/-/U1', {
      misses: 0,
      transcript: [{ from: 'user', text: 'hi', at: at(40) }],
    });
    await store.write('unanswered/2026-01-01T00:00:00.000Z/x', { text: 'blorp' });
    await store.write('unanswered/2026-05-25T00:00:00.000Z/y', { text: 'blorp again' });
    const run = housekeeping({
      store,
      clock,
      logger: silentLogger,
      conversationTtlMs: 30 * day,
      retentionMs: 90 * day,
    });

    await run();
    expect(await store.read(legacyDoneKey)).toMatchObject({ value: { given: 1203 } });
    expect(await store.read('conv/slack/OLD/-/U1')).toBeUndefined();
    expect((await store.list('unanswered/')).map((r) => r.key)).toEqual([
      'unanswered/2026-05-25T00:00:00.000Z/y',
    ]);
    expect(await store.list('conv/')).toHaveLength(1200);

    clock.advance(20 * day + 1);
    await run();
    expect(await store.sweep()).toBe(1200);
    expect(await store.list('conv/')).toEqual([]);
  });
});
