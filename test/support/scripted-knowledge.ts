import type { KnowledgeBase } from '../../dialogs/engine/knowledge-base.js';
import type { MatchResult } from '../../knowledge/matcher.js';
import { realKnowledge, realMatcher } from './shared-knowledge.js';

/** The real entries with scripted match results for chosen texts (everything else goes to the real matcher). */
export function scriptedKnowledge(
  script: Record<string, Partial<MatchResult> & Pick<MatchResult, 'outcome'>>,
): KnowledgeBase {
  const entries = realKnowledge().entries;
  return {
    entry: (id) => entries.get(id),
    match(text) {
      const scripted = script[text];
      if (!scripted) return realMatcher().match(text);
      return { intent: null, confidence: 0.4, candidates: [], ...scripted };
    },
  };
}

export const candidates = (...ids: string[]) =>
  ids.map((id, i) => ({
    id,
    title: realKnowledge().entries.get(id)?.title ?? id,
    confidence: 0.4 - i * 0.1,
  }));
