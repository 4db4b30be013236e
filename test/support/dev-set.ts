import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LabelledQuestion } from '../../knowledge/evaluate.js';

/** The evaluation sets in the repository's eval/ folder (see eval/README.md): measured on, never trained on. */
export type EvalSetName = 'dev' | 'real';

export function evalSetPath(name: EvalSetName): string {
  return fileURLToPath(new URL(`../../eval/${name}.jsonl`, import.meta.url));
}

/** One labelled line of an evaluation set, with where its text came from. */
export interface EvalQuestion extends LabelledQuestion {
  source: string;
}

export function readEvalSet(name: EvalSetName): EvalQuestion[] {
  const path = evalSetPath(name);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const row = JSON.parse(l) as Partial<EvalQuestion>;
      if (typeof row.text !== 'string' || typeof row.topic !== 'string' || typeof row.source !== 'string')
        throw new Error(`${path}:${i + 1}: each line needs "text", "topic" and "source" strings`);
      return { text: row.text, topic: row.topic, source: row.source };
    });
}

/** The written development set the matcher's thresholds were chosen on. */
export function readDevSet(): LabelledQuestion[] {
  return readEvalSet('dev');
}

/** Questions real people posted, each with its URL: the set that counts. */
export function readRealSet(): LabelledQuestion[] {
  return readEvalSet('real');
}
