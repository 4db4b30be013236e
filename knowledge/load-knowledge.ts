import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { BotError } from '../bot/errors.js';
import { type Calibration, readCalibration } from './calibration.js';
import { type Entry, entrySchema, type Neighbour, neighbourSchema } from './entry-schema.js';
import { type OtherProduct, otherProductSchema } from './other-products.js';
import { type Signature, signatureSchema } from './signatures.js';

export interface Knowledge {
  entries: Map<string, Entry>;
  neighbours: Neighbour[];
  products: OtherProduct[];
  /** Error messages and commands that are evidence of a topic (signatures.yaml). */
  signatures: Signature[];
  /** The stored confidence calibration (calibration.json), used while it matches the training data. */
  calibration?: Calibration;
}

/** Every problem found, each as "file: field: what is wrong", so a reviewer can fix them all at once. */
export class KnowledgeErrors {
  readonly problems: string[] = [];
  add(file: string, field: string, problem: string): void {
    this.problems.push(`${file}: ${field || '(file)'}: ${problem}`);
  }
  addIssues(file: string, issues: z.core.$ZodIssue[], prefix = ''): void {
    for (const issue of issues) {
      const path = prefix + issue.path.join('.');
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) this.add(file, path ? `${path}.${key}` : key, 'unknown field');
      } else this.add(file, path, issue.message);
    }
  }
}

function readYaml(path: string, errors: KnowledgeErrors): unknown {
  try {
    return parse(readFileSync(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      errors.add(basename(path), '', 'file is missing');
      return undefined;
    }
    errors.add(basename(path), '', `not valid YAML (${(err as Error).message.split('\n')[0]})`);
    return undefined;
  }
}

function loadEntries(dir: string, errors: KnowledgeErrors): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  for (const file of files) {
    const raw = readYaml(join(dir, file), errors);
    if (raw === undefined) continue;
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      errors.addIssues(file, parsed.error.issues);
      continue;
    }
    const entry = parsed.data;
    if (file.replace(/\.ya?ml$/, '') !== entry.id)
      errors.add(file, 'id', `must equal the file name (is "${entry.id}")`);
    if (entries.has(entry.id)) errors.add(file, 'id', `"${entry.id}" is used by another file`);
    const urls = new Set(entry.sources.map((s) => s.url));
    entry.basis.forEach((b, i) => {
      if (!urls.has(b.source)) errors.add(file, `basis.${i}.source`, 'is not the url of one of the sources');
    });
    entries.set(entry.id, entry);
  }
  for (const entry of entries.values()) {
    entry.followUps.forEach((id, i) => {
      if (!entries.has(id)) errors.add(`${entry.id}.yaml`, `followUps.${i}`, `no entry has the id "${id}"`);
    });
  }
  return entries;
}

/**
 * A YAML file holding a list of items of one schema; `check` reports what the schema cannot see
 * (an id that is also an entry's, a topic that names nothing) as "<index>.<field>" problems.
 */
function loadList<T>(
  path: string,
  schema: z.ZodType<T>,
  errors: KnowledgeErrors,
  check: (item: T, before: readonly T[]) => { field: string; problem: string } | undefined,
): T[] {
  const file = basename(path);
  const raw = readYaml(path, errors);
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    errors.add(file, '', 'must be a list');
    return [];
  }
  const out: T[] = [];
  raw.forEach((item, i) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      errors.addIssues(file, parsed.error.issues, `${i}.`);
      return;
    }
    const wrong = check(parsed.data, out);
    if (wrong) errors.add(file, `${i}.${wrong.field}`, wrong.problem);
    out.push(parsed.data);
  });
  return out;
}

/** Items of neighbours.yaml and other-products.yaml have ids of their own: never an entry's, never twice. */
const ownId =
  (entryIds: Set<string>) =>
  ({ id }: { id: string }, before: readonly { id: string }[]) =>
    entryIds.has(id)
      ? { field: 'id', problem: `"${id}" is also an entry id` }
      : before.some((o) => o.id === id)
        ? { field: 'id', problem: `"${id}" is used twice in this file` }
        : undefined;

/**
 * Reads and validates knowledge/entries/*.yaml, neighbours.yaml, other-products.yaml and signatures.yaml, adding every
 * problem to `errors` and keeping what is valid (npm run kb:check goes on to check what it can).
 */
export function readKnowledge(dir: string, errors: KnowledgeErrors): Omit<Knowledge, 'calibration'> {
  const entries = loadEntries(join(dir, 'entries'), errors);
  const ids = new Set(entries.keys());
  const neighbours = loadList(join(dir, 'neighbours.yaml'), neighbourSchema, errors, ownId(ids));
  const products = loadList(join(dir, 'other-products.yaml'), otherProductSchema, errors, ownId(ids));
  // A signature is evidence for an entry or a neighbouring topic, and must name one.
  const topics = new Set([...ids, ...neighbours.map((n) => n.id)]);
  const signatures = loadList(join(dir, 'signatures.yaml'), signatureSchema, errors, ({ topic }) =>
    topics.has(topic)
      ? undefined
      : { field: 'topic', problem: `no entry or neighbouring topic has the id "${topic}"` },
  );
  if (entries.size === 0 && errors.problems.length === 0) errors.add('entries', '', 'no entry files found');
  return { entries, neighbours, products, signatures };
}

/** Loads the knowledge base and its stored calibration; throws with every problem at once. */
export function loadKnowledge(dir: string): Knowledge {
  const errors = new KnowledgeErrors();
  const { entries, neighbours, products, signatures } = readKnowledge(dir, errors);
  if (errors.problems.length > 0) {
    throw new BotError(
      'knowledge.invalid',
      `knowledge base has ${errors.problems.length} problem(s):\n${errors.problems.join('\n')}`,
    );
  }
  const calibration = readCalibration(dir);
  return { entries, neighbours, products, signatures, ...(calibration ? { calibration } : {}) };
}

export const defaultKnowledgeDir = new URL('.', import.meta.url).pathname;
