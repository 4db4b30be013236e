import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LabelledQuestion } from '../../knowledge/evaluate.js';

/** The labelled evaluation sets live beside the repository, in ../shared/eval (CI puts shared/ there too). */
export const evalSetPath = (name: string) =>
  fileURLToPath(new URL(`../../../shared/eval/${name}`, import.meta.url));

/** Chat messages written by the team (dev.jsonl) and questions real people posted (real.jsonl). */
export const devSetPath = evalSetPath('dev.jsonl');
export const realSetPath = evalSetPath('real.jsonl');

export function readEvalSet(path: string): LabelledQuestion[] {
  if (!existsSync(path)) throw new Error(`the evaluation set is missing: expected ${path}`);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledQuestion);
}

export const readDevSet = () => readEvalSet(devSetPath);
export const readRealSet = () => readEvalSet(realSetPath);
