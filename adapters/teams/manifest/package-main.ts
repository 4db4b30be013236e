import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { appManifest, buildAppPackage, developerFromEnv } from './build-app-package.js';
import { manifestProblems } from './validate-manifest.js';

/** `npm run teams:package`: writes dist/georestore-teams.zip for this deployment's MicrosoftAppId. */
const appId = process.env.MicrosoftAppId?.trim();
const version = process.env.TEAMS_APP_VERSION?.trim() || undefined;
const rsc = process.env.TEAMS_RSC_CHANNEL_MESSAGES?.trim().toLowerCase();
if (rsc !== undefined && rsc !== '' && rsc !== 'true' && rsc !== 'false') {
  console.error('TEAMS_RSC_CHANNEL_MESSAGES is not true or false');
  process.exit(1);
}
if (!appId) {
  console.error("MicrosoftAppId is not set: the package needs the bot's Application (client) ID, e.g.");
  console.error('  MicrosoftAppId=<guid> npm run teams:package');
  process.exit(1);
}
try {
  const developer = developerFromEnv(process.env);
  const options = {
    appId,
    developer,
    ...(version ? { version } : {}),
    ...(rsc === 'true' ? { receiveChannelMessages: true } : {}),
  };
  const problems = manifestProblems(appManifest(options));
  if (problems.length > 0) {
    console.error(`manifest.json does not match the Teams schema:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  const out = resolve('dist', 'georestore-teams.zip');
  mkdirSync('dist', { recursive: true });
  writeFileSync(out, buildAppPackage(options));
  console.log(`wrote ${out}: upload it in Teams (Apps > Manage your apps > Upload an app)`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
