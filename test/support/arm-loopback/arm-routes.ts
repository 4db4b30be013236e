import { backupsBody, capabilitiesBody, recoverableServerBody } from './arm-examples.js';
import {
  type ArmState,
  armError,
  asyncOperation,
  type Context,
  FLEX,
  getServer,
  list,
  nameAvailability,
  notFound,
  putServer,
  type Reply,
  RG,
  type RouteName,
  RP,
  SINGLE,
  SUB,
} from './arm-handlers.js';

/** The routes of Microsoft.DBforPostgreSQL the SDK clients use, with the api-version each expects. */

export type { ArmState, Reply, RestoreScript, RouteName } from './arm-handlers.js';
export { armError } from './arm-handlers.js';

type Route = {
  name: RouteName;
  method: string;
  pattern: RegExp;
  apiVersion: string;
  handle: (ctx: Context) => Reply;
};

const route = (
  name: RouteName,
  method: string,
  path: string,
  apiVersion: string,
  handle: Route['handle'],
): Route => ({
  name,
  method,
  pattern: new RegExp(`^${path}$`, 'i'),
  apiVersion,
  handle,
});

export const ROUTES: Route[] = [
  route('flexible.list', 'GET', `${SUB}/${RP}/flexibleServers`, FLEX, (c) =>
    list(c, 'flexible', `/subscriptions/${c.groups[0]}`),
  ),
  route('flexible.listByResourceGroup', 'GET', `${SUB}${RG}/${RP}/flexibleServers`, FLEX, (c) =>
    list(c, 'flexible', c.path),
  ),
  route('flexible.backups', 'GET', `${SUB}${RG}/${RP}/flexibleServers/([^/]+)/backups`, FLEX, (c) => {
    const id = c.path.replace(/\/backups$/i, '');
    return c.state.servers.has(id.toLowerCase()) ? { status: 200, body: backupsBody(id) } : notFound(id);
  }),
  route('flexible.get', 'GET', `${SUB}${RG}/${RP}/flexibleServers/([^/]+)`, FLEX, (c) =>
    getServer(c, 'flexible'),
  ),
  route('flexible.put', 'PUT', `${SUB}${RG}/${RP}/flexibleServers/([^/]+)`, FLEX, putServer),
  route('single.list', 'GET', `${SUB}/${RP}/servers`, SINGLE, (c) =>
    list(c, 'single', `/subscriptions/${c.groups[0]}`),
  ),
  route('single.listByResourceGroup', 'GET', `${SUB}${RG}/${RP}/servers`, SINGLE, (c) =>
    list(c, 'single', c.path),
  ),
  route('single.recoverable', 'GET', `${SUB}${RG}/${RP}/servers/([^/]+)/recoverableServers`, SINGLE, (c) => {
    const id = c.path.replace(/\/recoverableServers$/i, '');
    return c.state.servers.has(id.toLowerCase())
      ? { status: 200, body: recoverableServerBody(id) }
      : notFound(id);
  }),
  route('single.get', 'GET', `${SUB}${RG}/${RP}/servers/([^/]+)`, SINGLE, (c) => getServer(c, 'single')),
  route('capabilities', 'GET', `${SUB}/${RP}/locations/([^/]+)/capabilities`, FLEX, (c) => ({
    status: 200,
    body: capabilitiesBody(!c.state.geoBackupDisabledRegions.has((c.groups[1] ?? '').toLowerCase())),
  })),
  route(
    'nameAvailability',
    'POST',
    `${SUB}/${RP}/locations/([^/]+)/checkNameAvailability`,
    FLEX,
    nameAvailability,
  ),
  route(
    'asyncOperation',
    'GET',
    `${SUB}/${RP}/locations/([^/]+)/azureAsyncOperation/([^/]+)`,
    FLEX,
    asyncOperation,
  ),
];

export function dispatch(
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
  state: ArmState,
) {
  for (const r of ROUTES) {
    const m = r.method === method ? r.pattern.exec(path) : null;
    if (!m) continue;
    const handle = (): Reply =>
      query.get('api-version') === r.apiVersion
        ? r.handle({ state, groups: m.slice(1), path, query, body })
        : armError(
            400,
            'InvalidApiVersionParameter',
            `The api-version is invalid. The supported version is '${r.apiVersion}'.`,
          );
    return { name: r.name, handle };
  }
  return undefined;
}
