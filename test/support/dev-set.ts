import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LabelledQuestion } from '../../knowledge/evaluate.js';

/** The labelled development set lives beside the repository, in ../shared/eval (CI puts shared/ there too). */
export const devSetPath = fileURLToPath(new URL('../../../shared/eval/dev.jsonl', import.meta.url));

export function readDevSet(): LabelledQuestion[] {
  if (!existsSync(devSetPath)) throw new Error(`the development set is missing: expected ${devSetPath}`);
  return readFileSync(devSetPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledQuestion);
}
