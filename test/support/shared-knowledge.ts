import { defaultKnowledgeDir, type Knowledge, loadKnowledge } from '../../knowledge/load-knowledge.js';
import { Matcher } from '../../knowledge/matcher.js';

let knowledge: Knowledge | undefined;
let matcher: Matcher | undefined;

/** The real knowledge base and matcher, built once per test file (building trains the model). */
export function realKnowledge(): Knowledge {
  knowledge ??= loadKnowledge(defaultKnowledgeDir);
  return knowledge;
}

export function realMatcher(): Matcher {
  matcher ??= Matcher.build(realKnowledge());
  return matcher;
}
