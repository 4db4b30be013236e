import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { type Zippable, zipSync } from 'fflate';
import { buildBot } from './build-bot.js';

interface PackageJson {
  name: string;
  version: string;
  description?: string;
  type?: string;
  engines?: Record<string, string>;
  config?: Record<string, string>;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
}

/**
 * The package.json that goes into the deployment package: the repository's, with only what running
 * the compiled bot needs. `start` is the repository's start command (node with the memory flags of
 * `config.nodeFlags` on build/bot/main.js, exec'd so that a SIGTERM to npm reaches the bot) without the
 * build that `prestart` does in a checkout, since App Service runs `npm start` where there is no TypeScript.
 */
export function deployManifest(pkg: PackageJson): PackageJson & { private: true } {
  const start = pkg.scripts.start;
  if (!start) throw new Error('package.json has no start script');
  return {
    name: pkg.name,
    version: pkg.version,
    private: true,
    ...(pkg.description ? { description: pkg.description } : {}),
    ...(pkg.type ? { type: pkg.type } : {}),
    ...(pkg.engines ? { engines: pkg.engines } : {}),
    ...(pkg.config ? { config: pkg.config } : {}),
    scripts: { start },
    dependencies: pkg.dependencies,
  };
}

export interface DeployPackage {
  file: string;
  bytes: number;
  entries: number;
}

/**
 * Builds the zip that App Service (Linux, Node 22) runs: the compiled bot with its knowledge base in
 * build/, the production dependencies in node_modules (exactly the lockfile's, installed by `npm ci
 * --omit=dev`), and package.json with the start command. Everything is staged in a temporary folder,
 * so a build or `npm start` in the checkout at the same time is left alone. Source maps stay out.
 */
export function buildDeployPackage(root: string, outFile: string): DeployPackage {
  const stage = mkdtempSync(join(tmpdir(), 'georestore-package-'));
  try {
    buildBot(root, join(stage, 'build'));
    copyFileSync(join(root, 'package.json'), join(stage, 'package.json'));
    copyFileSync(join(root, 'package-lock.json'), join(stage, 'package-lock.json'));
    // No install scripts: the one native module (classic-level) loads a prebuilt binary it ships.
    // No bin links: they are symlinks, which a zip does not carry and the bot does not use.
    execFileSync(
      'npm',
      [
        'ci',
        '--omit=dev',
        '--ignore-scripts',
        '--no-bin-links',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
      ],
      { cwd: stage, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    rmSync(join(stage, 'package-lock.json'));
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
    writeFileSync(join(stage, 'package.json'), `${JSON.stringify(deployManifest(pkg), null, 2)}\n`);

    const files: Zippable = {};
    let entries = 0;
    for (const path of filesUnder(stage)) {
      if (path.endsWith('.map')) continue;
      const mode = statSync(join(stage, path)).mode;
      // Unix permissions kept (os 3): App Service unpacks on Linux.
      files[path.split(sep).join('/')] = [
        readFileSync(join(stage, path)),
        { os: 3, attrs: ((mode & 0o777) | 0o100000) << 16 },
      ];
      entries++;
    }
    const zip = zipSync(files, { level: 6 });
    writeFileSync(outFile, zip);
    return { file: outFile, bytes: zip.byteLength, entries };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}
