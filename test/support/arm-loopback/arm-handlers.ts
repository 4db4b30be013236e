import { randomUUID } from 'node:crypto';
import { type Json, type JsonObject, restoredServerBody } from './arm-examples.js';

/** Handlers for the ARM imitation's routes, answering in the shapes of the examples. */

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

export interface Context {
  state: ArmState;
  groups: string[];
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export const RP = 'providers/Microsoft\\.DBforPostgreSQL';
export const SUB = '/subscriptions/([^/]+)';
export const RG = '/resourceGroups/([^/]+)';
export const FLEX = '2025-08-01';
export const SINGLE = '2017-12-01';

export function armError(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): Reply {
  return { status, body: { error: { code, message } }, ...(headers ? { headers } : {}) };
}

export const notFound = (what: string) =>
  armError(404, 'ResourceNotFound', `The Resource '${what}' was not found.`);

export function list(ctx: Context, model: 'flexible' | 'single', prefix: string): Reply {
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

export function getServer(ctx: Context, model: 'flexible' | 'single'): Reply {
  const server = ctx.state.servers.get(ctx.path.toLowerCase());
  return server && server.model === model ? { status: 200, body: server.body } : notFound(ctx.path);
}

export function putServer(ctx: Context): Reply {
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
  // A geo-restore keeps the source's backup settings unless the request sets them (geo-redundancy off).
  const asObject = (v: Json | undefined): JsonObject =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};
  const sourceBackup = asObject(asObject(source.body.properties).backup);
  (target.properties as JsonObject).backup = { ...sourceBackup, ...asObject(props.backup) };
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

/** The restore ends as scripted: the new server is Ready, or gone after a failure. */
export function endOperation(state: ArmState, op: Operation): void {
  if (op.status !== 'InProgress') return;
  op.status = op.script.fail ? 'Failed' : 'Succeeded';
  if (op.status === 'Succeeded')
    state.servers.set(op.targetId.toLowerCase(), { model: 'flexible', body: op.target });
  else state.servers.delete(op.targetId.toLowerCase());
}

export function asyncOperation(ctx: Context): Reply {
  const op = ctx.state.operations.get(ctx.groups[2] ?? '');
  if (!op) return notFound(ctx.path);
  if (op.status === 'InProgress') {
    op.polls += 1;
    if (op.polls > op.script.pollsUntilDone) endOperation(ctx.state, op);
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

export function nameAvailability(ctx: Context): Reply {
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
