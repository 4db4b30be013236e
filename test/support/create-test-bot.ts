import { MemoryStore } from '../../adapters/store/memory-store.js';
import { composeEngine } from '../../bot/build-core.js';
import type { Address, Json, Reply, TurnHandler } from '../../bot/model.js';
import { silentLogger } from '../../bot/ports/logger.js';
import type { Store } from '../../bot/ports/store.js';
import { plainUserText } from '../../bot/text/user-text.js';
import type { Dialog } from '../../dialogs/engine/dialog.js';
import type { KnowledgeBase } from '../../dialogs/engine/knowledge-base.js';
import { StoreRecorder } from '../../insights/record/store-recorder.js';
import { readPeriod } from '../../insights/report/read-period.js';
import { ManualClock, sequentialIds } from './manual-clock.js';
import { realMatcher } from './shared-knowledge.js';

export interface TestBotOptions {
  store?: Store;
  now?: string;
  dialogs?: Dialog[];
  address?: Address;
  kb?: KnowledgeBase;
}

/**
 * The test composition root: the real engine, dialogs, knowledge and matcher, with only the outer
 * edges (store, clock, ids) replaced. Reads like a chat transcript:
 * `await bot.from('U1').send('what is geo backup')`.
 */
export function createTestBot(options: TestBotOptions = {}) {
  const clock = new ManualClock(options.now);
  const store = options.store ?? new MemoryStore(clock);
  const insights = new StoreRecorder({
    store,
    ids: sequentialIds('q'),
    retentionMs: 90 * 86_400_000,
    now: () => clock.now(),
  });
  const engine: TurnHandler = composeEngine({
    kb: options.kb ?? realMatcher(),
    store,
    clock,
    ids: sequentialIds(),
    logger: silentLogger,
    recorder: insights,
    ...(options.dialogs ? { dialogs: options.dialogs } : {}),
  });
  const address: Address = options.address ?? { channel: 'console', conversationId: 'c1' };
  const from = (userId: string) => ({
    // As the console edge does: the one user-text rule, once, before the engine.
    send: (text: string): Promise<Reply[]> =>
      engine.handle({ address, user: { id: userId }, text: plainUserText(text) }),
    click: (id: string, value?: Json): Promise<Reply[]> =>
      engine.handle({
        address,
        user: { id: userId },
        text: '',
        action: { id, ...(value !== undefined ? { value } : {}) },
      }),
  });
  /** The questions the insights kept today (those the bot could not answer outright). */
  const questions = async () => (await readPeriod(store, clock.now(), 1)).questions;
  return { engine, store, clock, from, insights, questions };
}

/** The button of a reply with this label (or action id), for clicking it back. */
export function button(reply: Reply | undefined, labelOrId: string) {
  const found = reply?.buttons?.find((b) => b.label === labelOrId || b.id === labelOrId);
  if (!found)
    throw new Error(`no button "${labelOrId}" in ${JSON.stringify(reply?.buttons?.map((b) => b.label))}`);
  return found;
}
