import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildDeployPackage } from './deploy-package.js';

/** `npm run package [-- --out file.zip]`: the zip to deploy to App Service, dist/georestore-bot.zip by default. */
const root = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(values.out ?? `${root}dist/georestore-bot.zip`);
mkdirSync(dirname(out), { recursive: true });
try {
  const made = buildDeployPackage(root, out);
  console.log(`wrote ${made.file}: ${made.entries} files, ${(made.bytes / 1e6).toFixed(1)} MB`);
  console.log(
    'deploy it with: az webapp deploy -g <group> -n <app> --src-path <that file> --type zip (docs-deploy.md)',
  );
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
