import { randomUUID } from 'node:crypto';
import {
  backupsBody,
  capabilitiesBody,
  type Json,
  type JsonObject,
  recoverableServerBody,
  restoredServerBody,
} from './arm-examples.js';

/** The routes of Microsoft.DBforPostgreSQL the SDK clients use, answered in the shapes of the examples. */

export type RouteName =
  | 'flexible.list'
  | 'flexible.listByResourceGroup'
  | 'flexible.get'
  | 'flexible.put'
  | 'flexible.backups'
  | 'single.list'
  | 'single.listByResourceGroup'
  | 'single.get'
  | 'single.recoverable'
  | 'capabilities'
  | 'nameAvailability'
  | 'asyncOperation';

export interface Reply {
  status: number;
  body?: Json;
  headers?: Record<string, string>;
}

export interface RestoreScript {
  /** Status polls answered InProgress before the final answer. */
  pollsUntilDone: number;
  fail?: { code: string; message: string };
  retryAfterSeconds?: number;
}

interface Operation {
  id: string;
  polls: number;
  script: RestoreScript;
  targetId: string;
  target: JsonObject;
  startTime: string;
  status: 'InProgress' | 'Succeeded' | 'Failed';
}

export interface ArmState {
  base: string;
  /** Lower-cased resource id → the resource as ARM returns it. */
  servers: Map<string, { model: 'flexible' | 'single'; body: JsonObject }>;
  operations: Map<string, Operation>;
  pageSize: number;
  geoBackupDisabledRegions: Set<string>;
  restoreScript: RestoreScript;
}

interface Context {
  state: ArmState;
  groups: string[];
  path: string;
  query: URLSearchParams;
  body: unknown;
}

const RP = 'providers/Microsoft\\.DBforPostgreSQL';
const SUB = '/subscriptions/([^/]+)';
const RG = '/resourceGroups/([^/]+)';
const FLEX = '2025-08-01';
const SINGLE = '2017-12-01';

export function armError(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): Reply {
  return { status, body: { error: { code, message } }, ...(headers ? { headers } : {}) };
}

const notFound = (what: string) => armError(404, 'ResourceNotFound', `The Resource '${what}' was not found.`);

function list(ctx: Context, model: 'flexible' | 'single', prefix: string): Reply {
  const all = [...ctx.state.servers.entries()]
    .filter(([id, s]) => s.model === model && id.startsWith(`${prefix.toLowerCase()}/`))
    .map(([, s]) => s.body);
  if (model === 'single') return { status: 200, body: { value: all } };
  const offset = Number(ctx.query.get('$skiptoken') ?? '0');
  const page = all.slice(offset, offset + ctx.state.pageSize);
  const more = offset + ctx.state.pageSize < all.length;
  const nextLink = `${ctx.state.base}${ctx.path}?api-version=${FLEX}&$skiptoken=${offset + ctx.state.pageSize}`;
  return { status: 200, body: more ? { value: page, nextLink } : { value: page } };
}

function getServer(ctx: Context, model: 'flexible' | 'single'): Reply {
  const server = ctx.state.servers.get(ctx.path.toLowerCase());
  return server && server.model === model ? { status: 200, body: server.body } : notFound(ctx.path);
}

function putServer(ctx: Context): Reply {
  const [sub = '', , name = ''] = ctx.groups;
  const id = ctx.path;
  if (ctx.state.servers.has(id.toLowerCase())) {
    return armError(409, 'ServerAlreadyExists', `Server '${name}' already exists.`);
  }
  const request = (ctx.body ?? {}) as { location?: string; properties?: JsonObject };
  const props = request.properties ?? {};
  if (
    props.createMode !== 'GeoRestore' ||
    typeof props.sourceServerResourceId !== 'string' ||
    !request.location
  ) {
    return armError(400, 'InvalidParameterValue', 'This imitation creates servers only by geo-restore.');
  }
  const source = ctx.state.servers.get(props.sourceServerResourceId.toLowerCase());
  if (!source) return notFound(props.sourceServerResourceId);
  const opId = randomUUID();
  const location = request.location;
  const target = restoredServerBody(id, name, location, source.body, props.network);
  const op: Operation = {
    id: opId,
    polls: 0,
    script: { ...ctx.state.restoreScript },
    targetId: id,
    target,
    startTime: new Date().toISOString(),
    status: 'InProgress',
  };
  ctx.state.operations.set(opId, op);
  // While it is created, the server is visible with state Provisioning.
  const provisioning = structuredClone(target);
  (provisioning.properties as JsonObject).state = 'Provisioning';
  ctx.state.servers.set(id.toLowerCase(), { model: 'flexible', body: provisioning });
  const opBase = `${ctx.state.base}/subscriptions/${sub}/providers/Microsoft.DBforPostgreSQL/locations/${location}`;
  return {
    status: 202,
    headers: {
      'Azure-AsyncOperation': `${opBase}/azureAsyncOperation/${opId}?api-version=${FLEX}`,
      Location: `${opBase}/operationResults/${opId}?api-version=${FLEX}`,
    },
  };
}

function asyncOperation(ctx: Context): Reply {
  const op = ctx.state.operations.get(ctx.groups[2] ?? '');
  if (!op) return notFound(ctx.path);
  if (op.status === 'InProgress') {
    op.polls += 1;
    if (op.polls > op.script.pollsUntilDone) {
      op.status = op.script.fail ? 'Failed' : 'Succeeded';
      if (op.status === 'Succeeded')
        ctx.state.servers.set(op.targetId.toLowerCase(), { model: 'flexible', body: op.target });
      else ctx.state.servers.delete(op.targetId.toLowerCase());
    }
  }
  const body: JsonObject = { name: op.id, status: op.status, startTime: op.startTime };
  if (op.status === 'Failed' && op.script.fail) body.error = { ...op.script.fail };
  const retry = op.script.retryAfterSeconds;
  return {
    status: 200,
    body,
    ...(op.status === 'InProgress' && retry !== undefined
      ? { headers: { 'Retry-After': String(retry) } }
      : {}),
  };
}

function nameAvailability(ctx: Context): Reply {
  const { name = '', type = 'Microsoft.DBforPostgreSQL/flexibleServers' } = (ctx.body ?? {}) as {
    name?: string;
    type?: string;
  };
  const taken = [...ctx.state.servers.values()].some((s) => s.body.name === name);
  return {
    status: 200,
    body: taken
      ? {
          nameAvailable: false,
          reason: 'AlreadyExists',
          message: 'Specified server name is already used.',
          name,
          type,
        }
      : { nameAvailable: true, message: '', name, type },
  };
}

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
