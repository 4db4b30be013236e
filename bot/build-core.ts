import type { Dialog } from '../dialogs/engine/dialog.js';
import { createEngine } from '../dialogs/engine/engine.js';
import type { HandoffGate } from '../dialogs/handoff/handoff-relay.js';
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
  const matcher = deps.matcher ?? buildMatcher(deps.knowledgeDir ?? defaultKnowledgeDir, deps.logger);
  const buildMs = performance.now() - started;
  const { source } = matcher.calibration;
  deps.logger.info({ buildMs: Math.round(buildMs), calibration: source }, 'knowledge.ready');
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

function buildMatcher(dir: string, logger: Logger): Matcher {
  const knowledge = loadKnowledge(dir);
  const matcher = Matcher.build(knowledge);
  if (knowledge.calibration && matcher.calibration.source === 'computed') {
    logger.warn(
      { dir },
      'knowledge.calibration.stale: calibration.json is not for this knowledge base; calibrated at start instead (run npm run calibrate)',
    );
  }
  return matcher;
}
