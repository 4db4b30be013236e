import type { Dialog } from '../dialogs/dialog.js';
import { createEngine } from '../dialogs/engine.js';
import type { HandoffGate } from '../dialogs/handoff-relay.js';
import { defaultKnowledgeDir, loadKnowledge } from '../knowledge/load-knowledge.js';
import { Matcher } from '../knowledge/matcher.js';
import type { TurnHandler } from './model.js';
import type { Clock, Ids } from './ports/clock.js';
import type { Logger } from './ports/logger.js';
import type { Store } from './ports/store.js';

export interface Core {
  engine: TurnHandler;
  matcher: Matcher;
  /** How long loading the knowledge base and building the model took. */
  buildMs: number;
}

/** The channel-neutral heart shared by every entry point: knowledge, matcher and engine over a store. */
export function buildCore(deps: {
  store: Store;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  knowledgeDir?: string;
  dialogs?: Dialog[];
  gate?: HandoffGate;
  /** A matcher built earlier (tests share one); built from knowledgeDir otherwise. */
  matcher?: Matcher;
}): Core {
  const started = performance.now();
  const matcher = deps.matcher ?? Matcher.build(loadKnowledge(deps.knowledgeDir ?? defaultKnowledgeDir));
  const buildMs = performance.now() - started;
  deps.logger.info({ buildMs: Math.round(buildMs) }, 'knowledge.ready');
  const engine = createEngine({
    kb: matcher,
    store: deps.store,
    clock: deps.clock,
    ids: deps.ids,
    logger: deps.logger,
    ...(deps.dialogs ? { dialogs: deps.dialogs } : {}),
    ...(deps.gate ? { gate: deps.gate } : {}),
  });
  return { engine, matcher, buildMs };
}
