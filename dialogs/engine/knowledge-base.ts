import type { Entry } from '../../knowledge/entry-schema.js';
import type { MatchResult } from '../../knowledge/matcher.js';

/** What dialogs need from the knowledge layer: the matcher's verdict and the entries behind it. */
export interface KnowledgeBase {
  match(text: string): MatchResult;
  entry(id: string): Entry | undefined;
}
