import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../adapters/store/memory-store.js';
import { composeEngine } from '../../bot/build-core.js';
import { BotError } from '../../bot/errors.js';
import { ManualClock, sequentialIds } from '../support/manual-clock.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { scriptedKnowledge } from '../support/scripted-knowledge.js';

describe('the engine and its recorder', () => {
  it('answers and saves the conversation when the insights cannot be written, and logs it once', async () => {
    const logger = new RecordingLogger();
    const store = new MemoryStore();
    const recorded: string[] = [];
    const engine = composeEngine({
      kb: scriptedKnowledge({ 'blorp the flux capacitor': { outcome: 'nomatch' } }),
      store,
      clock: new ManualClock(),
      ids: sequentialIds(),
      logger,
      recorder: {
        async record(_turn, outcome) {
          recorded.push(outcome.kind);
          throw new BotError('store.unavailable', 'insights store down');
        },
      },
    });
    const address = { channel: 'console' as const, conversationId: 'c' };
    const [reply] = await engine.handle({ address, user: { id: 'U1' }, text: 'blorp the flux capacitor' });
    expect(reply?.kind).toBe('nomatch');
    expect(recorded).toEqual(['ask']);
    expect(logger.count('insights.unrecorded')).toBe(1);
    expect(await store.list('conv/')).toHaveLength(1);
    // A turn without an outcome (a global command) is not recorded at all.
    await engine.handle({ address, user: { id: 'U1' }, text: 'help' });
    expect(recorded).toEqual(['ask']);
  });
});
