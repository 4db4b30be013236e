import { MemoryStore } from '../../adapters/store/memory-store.js';
import { composeEngine } from '../../bot/build-core.js';
import type { TurnHandler } from '../../bot/model.js';
import type { Logger } from '../../bot/ports/logger.js';
import { silentLogger } from '../../bot/ports/logger.js';
import { ManualClock, sequentialIds } from './manual-clock.js';
import { realMatcher } from './shared-knowledge.js';

/**
 * The real engine over a store whose reads fail with an error that is not ours (a bug, a driver
 * fault): what its one error boundary turns into the one apology, on whatever edge serves it.
 */
export function brokenEngine(logger: Logger = silentLogger): TurnHandler {
  const clock = new ManualClock();
  const store = new MemoryStore(clock);
  store.read = async () => {
    throw new Error('engine bug: token=xoxb-secret');
  };
  return composeEngine({ kb: realMatcher(), store, clock, ids: sequentialIds(), logger });
}
