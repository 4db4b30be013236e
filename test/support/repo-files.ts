import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The repository's files, relative to its root: what git tracks, or, in a copy without .git (a source
 * archive), every file outside the folders .gitignore names.
 */
export function repoFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8', stdio: 'pipe' })
      .split('\0')
      .filter(Boolean);
  } catch {
    const ignored = new Set(
      readFileSync(join(repoRoot, '.gitignore'), 'utf8')
        .split('\n')
        .filter((l) => l.endsWith('/'))
        .map((l) => l.slice(0, -1)),
    );
    ignored.add('.git');
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        if (ignored.has(e.name)) return [];
        const path = join(dir, e.name);
        return e.isDirectory() ? walk(path) : [relative(repoRoot, path)];
      });
    return walk(repoRoot);
  }
}

/** A file's text, or undefined for a binary file (one with a NUL byte). */
export function textOf(file: string): string | undefined {
  const bytes = readFileSync(join(repoRoot, file));
  return bytes.includes(0) ? undefined : bytes.toString('utf8');
}

// Assembled from parts so that this file does not hold the very strings it looks for.
const UP = '..';
const SIBLING_SHARED = `${UP}/shared`;
const ABSOLUTE = new RegExp(
  ['/wo' + 'rk/', '/ho' + 'me/[a-z_][a-z0-9_-]*/', '/Us' + 'ers/[A-Za-z]', 'file:' + '///'].join('|'),
  'g',
);
/** A run of parent steps (`../../`, `../..`), not part of a longer name. */
const CLIMB = /(?<![\w.])(?:\.\.\/)+(?:\.\.(?![\w./]))?|(?<![\w./])\.\.(?=['"`])/g;

/**
 * What in `text`, the content of the repository file `file`, points outside the repository: the
 * shared folder beside our own checkouts, an absolute path on a developer's machine, or a relative path
 * that climbs above the root from the file's own folder.
 */
export function outsideReferences(file: string, text: string): string[] {
  const found: string[] = [];
  const depth = file.split('/').length - 1;
  text.split('\n').forEach((line, i) => {
    const at = `${file}:${i + 1}`;
    if (line.includes(SIBLING_SHARED)) found.push(`${at}: ${SIBLING_SHARED}`);
    for (const m of line.matchAll(ABSOLUTE)) found.push(`${at}: absolute path ${m[0]}`);
    for (const m of line.matchAll(CLIMB)) {
      const steps = m[0].split(UP).length - 1;
      if (steps > depth) found.push(`${at}: ${m[0]} climbs ${steps} from a folder ${depth} deep`);
    }
  });
  return found;
}
