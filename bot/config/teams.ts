/**
 * The Teams group of settings, under the Bot Framework's own variable names, and the server's PORT.
 * Problems name the variable and what is expected, never the value (a password must not reach a log).
 */

export type TeamsAppType = 'SingleTenant' | 'UserAssignedMSI';

type TeamsCommon = {
  /**
   * TEAMS_FEEDBACK_LOOP: answers carry Teams' own 👍/👎 under the message (on unless `false`), instead
   * of two buttons in the card.
   */
  feedbackLoop?: boolean;
};

export type TeamsConfig = TeamsCommon &
  (
    | {
        /** No app id: no authentication, loopback only. For trying the bot with the Bot Framework Emulator. */
        mode: 'local';
        port: number;
        host: '127.0.0.1';
      }
    | {
        mode: 'authenticated';
        appId: string;
        appType: TeamsAppType;
        tenantId: string;
        /** SingleTenant only: the client secret of the app registration. */
        appPassword?: string;
        port: number;
        /** Every interface: the Bot Connector calls in from outside. */
        host: '0.0.0.0';
      }
  );

export interface TeamsConfigResult {
  config?: TeamsConfig;
  /** Operator-facing, one per problem, naming variables only. */
  problems: string[];
}

export const DEFAULT_PORT = 3978;

export const LOCAL_MODE_WARNING =
  'Teams runs in LOCAL DEVELOPMENT MODE: MicrosoftAppId is not set, so requests are NOT authenticated. ' +
  'The server listens on 127.0.0.1 only and replies only to loopback serviceUrls. ' +
  'Set MicrosoftAppId, MicrosoftAppType and MicrosoftAppTenantId (and MicrosoftAppPassword for SingleTenant) to serve Teams.';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TYPES: Record<string, TeamsAppType> = {
  singletenant: 'SingleTenant',
  userassignedmsi: 'UserAssignedMSI',
};

export function parseTeamsConfig(env: Record<string, string | undefined>): TeamsConfigResult {
  const get = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const problems: string[] = [];
  const port = parsePort(get('PORT'), problems);
  const appId = get('MicrosoftAppId');
  const password = get('MicrosoftAppPassword');
  const rawType = get('MicrosoftAppType');
  const tenantId = get('MicrosoftAppTenantId');
  const loop = get('TEAMS_FEEDBACK_LOOP')?.toLowerCase();
  if (loop !== undefined && loop !== 'true' && loop !== 'false')
    problems.push('TEAMS_FEEDBACK_LOOP is not true or false');
  const common: TeamsCommon = loop === 'false' ? { feedbackLoop: false } : {};

  if (appId === undefined) {
    if (get('NODE_ENV') === 'production') {
      problems.push(
        'MicrosoftAppId is not set and NODE_ENV is production: a production bot must authenticate the Bot Connector ' +
          '(set MicrosoftAppId, MicrosoftAppType, MicrosoftAppTenantId, and MicrosoftAppPassword for SingleTenant)',
      );
    }
    const orphans = [
      ['MicrosoftAppPassword', password],
      ['MicrosoftAppType', rawType],
      ['MicrosoftAppTenantId', tenantId],
    ].filter(([, value]) => value !== undefined);
    if (orphans.length > 0) {
      problems.push(
        `${orphans.map(([name]) => name).join(', ')} ${orphans.length === 1 ? 'is' : 'are'} set but MicrosoftAppId is missing`,
      );
    }
    return problems.length > 0
      ? { problems }
      : { config: { ...common, mode: 'local', port, host: '127.0.0.1' }, problems };
  }

  if (!GUID.test(appId))
    problems.push(
      'MicrosoftAppId is not a GUID (expected the Application (client) ID of the app registration)',
    );
  const appType = parseAppType(rawType, problems);
  if (tenantId === undefined) {
    problems.push(
      'MicrosoftAppTenantId is missing (expected the Directory (tenant) ID the bot is registered in)',
    );
  } else if (!GUID.test(tenantId)) {
    problems.push('MicrosoftAppTenantId is not a GUID (expected the Directory (tenant) ID)');
  }
  if (appType === 'SingleTenant' && password === undefined) {
    problems.push(
      'MicrosoftAppPassword is missing (SingleTenant needs the client secret of the app registration)',
    );
  }
  if (appType === 'UserAssignedMSI' && password !== undefined) {
    problems.push(
      'MicrosoftAppPassword must not be set with UserAssignedMSI (the managed identity needs no secret)',
    );
  }
  if (problems.length > 0 || appType === undefined || tenantId === undefined) return { problems };
  return {
    config: {
      ...common,
      mode: 'authenticated',
      appId,
      appType,
      tenantId,
      ...(password !== undefined ? { appPassword: password } : {}),
      port,
      host: '0.0.0.0',
    },
    problems,
  };
}

function parseAppType(raw: string | undefined, problems: string[]): TeamsAppType | undefined {
  if (raw === undefined) {
    problems.push('MicrosoftAppType is missing (expected SingleTenant or UserAssignedMSI)');
    return undefined;
  }
  if (raw.toLowerCase() === 'multitenant') {
    problems.push(
      'MicrosoftAppType MultiTenant is deprecated for new Azure Bots: register the bot as SingleTenant or UserAssignedMSI',
    );
    return undefined;
  }
  const type = TYPES[raw.toLowerCase()];
  if (type === undefined)
    problems.push('MicrosoftAppType is not valid (expected SingleTenant or UserAssignedMSI)');
  return type;
}

function parsePort(raw: string | undefined, problems: string[]): number {
  if (raw === undefined) return DEFAULT_PORT;
  const port = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    problems.push('PORT is not a port number (expected an integer from 1 to 65535)');
    return DEFAULT_PORT;
  }
  return port;
}
