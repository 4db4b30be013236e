import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

/**
 * Compiles the bot (tsconfig.build.json) into `outDir` and copies the knowledge base's data beside
 * the compiled matcher: every file under knowledge/ that is not TypeScript, so a data file added there
 * reaches the build without anyone listing it.
 */
export function buildBot(root: string, outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
  const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', outDir], {
    cwd: root,
    stdio: 'inherit',
  });
  const knowledge = join(root, 'knowledge');
  for (const file of dataFiles(knowledge))
    cpSync(join(knowledge, file), join(outDir, 'knowledge', file), { recursive: false });
}

function dataFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.ts'))
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}
