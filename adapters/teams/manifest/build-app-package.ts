import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';

const dir = new URL('.', import.meta.url);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AppPackageOptions {
  /** The bot's MicrosoftAppId; also used as the Teams app id. */
  appId: string;
  /** The app version shown in Teams (semver), when it should differ from manifest.json. */
  version?: string;
  /** The publisher shown in Teams' app details: this deployment's own name and pages (https). */
  developer?: DeveloperInfo;
  /**
   * Ask for the RSC permission ChannelMessage.Read.Group (TEAMS_RSC_CHANNEL_MESSAGES=true), which a
   * team owner grants when adding the app: Teams then delivers every message of that team's channels,
   * so support people can answer in a ticket's thread without @mentioning the bot. The bot reads only
   * the support channel's threads and drops the rest unread (read-activity.ts).
   */
  receiveChannelMessages?: boolean;
}

/** Anything that is not empty will do: RSC needs the field but does not use it. */
const RSC_RESOURCE = 'api://georestore-bot/rsc';

export interface DeveloperInfo {
  name?: string;
  websiteUrl?: string;
  privacyUrl?: string;
  termsOfUseUrl?: string;
}

/** The environment variables `npm run teams:package` reads for each developer field. */
export const developerVariables: Record<keyof DeveloperInfo, string> = {
  name: 'TEAMS_DEVELOPER_NAME',
  websiteUrl: 'TEAMS_WEBSITE_URL',
  privacyUrl: 'TEAMS_PRIVACY_URL',
  termsOfUseUrl: 'TEAMS_TERMS_URL',
};

/** The developer fields set in `env`, checked: names at most 32 characters, pages https URLs. */
export function developerFromEnv(env: Record<string, string | undefined>): DeveloperInfo {
  const out: DeveloperInfo = {};
  for (const [field, variable] of Object.entries(developerVariables) as Array<
    [keyof DeveloperInfo, string]
  >) {
    const value = env[variable]?.trim();
    if (!value) continue;
    if (field === 'name') {
      if (value.length > 32) throw new Error(`${variable} is longer than 32 characters (Teams' limit)`);
    } else if (!isHttpsUrl(value)) {
      throw new Error(`${variable} is not an https URL`);
    }
    out[field] = value;
  }
  return out;
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** manifest.json with this deployment's ids, ready to zip. */
export function appManifest(options: AppPackageOptions): Record<string, unknown> {
  if (!GUID.test(options.appId))
    throw new Error('MicrosoftAppId is not a GUID (expected the Application (client) ID)');
  if (options.version !== undefined && !/^\d+\.\d+\.\d+$/.test(options.version)) {
    throw new Error('TEAMS_APP_VERSION is not a version (expected MAJOR.MINOR.PATCH, e.g. 1.2.0)');
  }
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as Record<string, unknown>;
  const bots = (manifest.bots as Array<Record<string, unknown>>).map((bot) => ({
    ...bot,
    botId: options.appId,
  }));
  // The messaging extension's message actions are served by the same bot.
  const composeExtensions = (manifest.composeExtensions as Array<Record<string, unknown>>).map((ext) => ({
    ...ext,
    botId: options.appId,
  }));
  const developer = { ...(manifest.developer as Record<string, unknown>), ...options.developer };
  return {
    ...manifest,
    id: options.appId,
    developer,
    bots,
    composeExtensions,
    ...(options.version ? { version: options.version } : {}),
    ...(options.receiveChannelMessages
      ? {
          webApplicationInfo: { id: options.appId, resource: RSC_RESOURCE },
          authorization: {
            permissions: { resourceSpecific: [{ name: 'ChannelMessage.Read.Group', type: 'Application' }] },
          },
        }
      : {}),
  };
}

/** The zip Teams accepts: manifest.json and both icons at the root. */
export function buildAppPackage(options: AppPackageOptions): Uint8Array {
  const manifest = appManifest(options);
  const icons = manifest.icons as { color: string; outline: string };
  const mtime = new Date('2026-01-01T00:00:00Z');
  return zipSync(
    {
      'manifest.json': new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
      [icons.color]: readFileSync(new URL(icons.color, dir)),
      [icons.outline]: readFileSync(new URL(icons.outline, dir)),
    },
    { level: 9, mtime },
  );
}
