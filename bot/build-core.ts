import { unconfiguredCheckDialog } from '../dialogs/eligibility/index.js';
import type { Dialog, TurnGate } from '../dialogs/engine/dialog.js';
import { createEngine } from '../dialogs/engine/engine.js';
import type { KnowledgeBase } from '../dialogs/engine/knowledge-base.js';
import { faqDialog } from '../dialogs/faq/index.js';
import { noSupportChannelDialog } from '../dialogs/handoff/index.js';
import { unconfiguredRestoreDialog } from '../dialogs/restore/index.js';
import { defaultKnowledgeDir, loadKnowledge } from '../knowledge/load-knowledge.js';
import { Matcher } from '../knowledge/matcher.js';
import type { TurnHandler } from './model.js';
import type { Clock, Ids } from './ports/clock.js';
import type { TurnRecorder } from './ports/insights.js';
import type { Logger } from './ports/logger.js';
import type { Store } from './ports/store.js';

export interface Core {
  engine: TurnHandler;
  matcher: Matcher;
  /** How long loading the knowledge base and building the model took. */
  buildMs: number;
}

export interface EngineParts {
  kb: KnowledgeBase;
  store: Store;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /** The live dialogs configured (check, restore, handoff, tickets); the rest say they are switched off. */
  dialogs?: Dialog[];
  gate?: TurnGate;
  /** How each turn ended, for the insights. */
  recorder?: TurnRecorder;
  /** How long a conversation's state and a 👍/👎 are kept (CONVERSATION_ and INSIGHTS_RETENTION_DAYS). */
  retention?: { conversationMs: number; feedbackMs: number };
}

/**
 * The engine with every feature in place: the live dialogs given, the unconfigured form of each action
 * intent left out (check, restore, talk to a person), and the FAQ as the fallback for every other match.
 */
export function composeEngine(parts: EngineParts): TurnHandler {
  const live = parts.dialogs ?? [];
  const unconfigured = [
    unconfiguredCheckDialog(parts.kb),
    unconfiguredRestoreDialog(parts.kb),
    noSupportChannelDialog(),
  ].filter((d) => !live.some((x) => x.id === d.id));
  return createEngine({
    kb: parts.kb,
    store: parts.store,
    clock: parts.clock,
    ids: parts.ids,
    logger: parts.logger,
    dialogs: [...live, ...unconfigured],
    fallback: faqDialog(parts.kb, parts.retention ? { feedbackTtlMs: parts.retention.feedbackMs } : {}),
    ...(parts.gate ? { gate: parts.gate } : {}),
    ...(parts.recorder ? { recorder: parts.recorder } : {}),
    ...(parts.retention ? { conversationTtlMs: parts.retention.conversationMs } : {}),
  });
}

/** The channel-neutral heart shared by every entry point: knowledge, matcher and engine over a store. */
export function buildCore(
  deps: Omit<EngineParts, 'kb'> & {
    knowledgeDir?: string;
    /** A matcher built earlier (tests share one); built from knowledgeDir otherwise. */
    matcher?: Matcher;
  },
): Core {
  const started = performance.now();
  const matcher = deps.matcher ?? buildMatcher(deps.knowledgeDir ?? defaultKnowledgeDir, deps.logger);
  const buildMs = performance.now() - started;
  deps.logger.info(
    { buildMs: Math.round(buildMs), calibration: matcher.calibration.source },
    'knowledge.ready',
  );
  const { knowledgeDir: _dir, matcher: _matcher, ...parts } = deps;
  return { engine: composeEngine({ ...parts, kb: matcher }), matcher, buildMs };
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
