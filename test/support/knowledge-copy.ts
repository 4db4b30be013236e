import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultKnowledgeDir } from '../../knowledge/load-knowledge.js';

const copies: string[] = [];

/** A copy of the real knowledge folder (entries, lists, link rules, seeds) to break in one place. */
export function copyOfKnowledge(): string {
  const dir = mkdtempSync(join(tmpdir(), 'grb-kb-'));
  copies.push(dir);
  cpSync(defaultKnowledgeDir, dir, { recursive: true, filter: (src) => !src.endsWith('.ts') });
  return dir;
}

/** Removes every copy made so far; call it after each test. */
export function removeKnowledgeCopies(): void {
  for (const d of copies.splice(0)) rmSync(d, { recursive: true, force: true });
}
