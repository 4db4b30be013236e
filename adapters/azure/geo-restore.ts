import type { Server, ServersCreateOrUpdateOptionalParams } from '@azure/arm-postgresql-flexible';
import { isValidServerName } from '../../bot/azure-rules/server-name-rules.js';
import { serverRef } from '../../bot/azure-rules/server-resource-id.js';
import { BotError } from '../../bot/errors.js';
import type {
  GeoRestoreHandle,
  GeoRestoreProgress,
  GeoRestoreRequest,
} from '../../bot/ports/postgres-ops.js';
import type { AzureClients } from './azure-clients.js';
import { azureIds, toBotError } from './azure-error-mapping.js';
import { flexibleServerFacts } from './server-facts.js';

type RawResponse = Parameters<NonNullable<ServersCreateOrUpdateOptionalParams['onResponse']>>[0];
type Seen = { method: string; status: number; headers: RawResponse['headers']; body: unknown };

/** Records every raw response of one LRO call (the PUT and each status poll) for ids and failure codes. */
function recorder() {
  const seen: Seen[] = [];
  const onResponse = (raw: RawResponse) => {
    seen.push({ method: raw.request.method, status: raw.status, headers: raw.headers, body: raw.parsedBody });
  };
  return { seen, onResponse };
}

function retryAfterMs(seen: Seen | undefined): number | undefined {
  const value = seen?.headers.get('retry-after');
  const seconds = value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

/**
 * A PUT was accepted but the SDK's first status poll failed (after its retries): the restore is running
 * and we must not lose it. This is the state @azure/core-lro 2.x serializes after an accepted PUT with an
 * Azure-AsyncOperation header (`{ state: { status, config } }`, resource location = the PUT's path).
 */
function stateAfterAcceptedPut(put: Seen): string | undefined {
  const operationLocation = put.headers.get('azure-asyncoperation') ?? put.headers.get('location');
  if (!operationLocation) return undefined;
  const mode = put.headers.get('azure-asyncoperation') ? 'OperationLocation' : 'ResourceLocation';
  const resourceLocation =
    '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}';
  return JSON.stringify({
    state: { status: 'running', config: { metadata: { mode }, operationLocation, resourceLocation } },
  });
}

export async function startGeoRestore(
  clients: AzureClients,
  request: GeoRestoreRequest,
  pollIntervalMs: number,
): Promise<GeoRestoreHandle> {
  const { source, target } = request;
  if (source.model !== 'flexible-server') {
    throw new BotError(
      'input.invalid',
      'Geo-restore is offered for Flexible Server only (Single Server is retired)',
    );
  }
  if (!isValidServerName(target.name))
    throw new BotError('input.invalid', 'The target server name breaks the naming rules');
  const parameters: Server = {
    location: target.region,
    createMode: 'GeoRestore',
    sourceServerResourceId: source.id,
    pointInTimeUTC: new Date(request.pointInTime),
    ...(request.network
      ? {
          network: {
            delegatedSubnetResourceId: request.network.delegatedSubnetId,
            ...(request.network.privateDnsZoneId
              ? { privateDnsZoneArmResourceId: request.network.privateDnsZoneId }
              : {}),
          },
        }
      : {}),
    ...(request.geoRedundantBackup ? { backup: { geoRedundantBackup: request.geoRedundantBackup } } : {}),
    ...(request.tags ? { tags: request.tags } : {}),
  };
  const { seen, onResponse } = recorder();
  const ref = serverRef('flexible-server', target.subscriptionId, target.resourceGroup, target.name);
  const client = clients.flexible(target.subscriptionId, 'write');
  try {
    const poller = await client.servers.beginCreateOrUpdate(target.resourceGroup, target.name, parameters, {
      updateIntervalInMs: pollIntervalMs,
      onResponse,
    });
    const put = seen.find((s) => s.method === 'PUT');
    return {
      target: ref,
      targetRegion: target.region,
      sourceId: source.id,
      pollerState: poller.toString(),
      azure: azureIds(put?.headers),
    };
  } catch (err) {
    const put = seen.find((s) => s.method === 'PUT' && s.status >= 200 && s.status < 300);
    const pollerState = put ? stateAfterAcceptedPut(put) : undefined;
    if (put && pollerState) {
      return {
        target: ref,
        targetRegion: target.region,
        sourceId: source.id,
        pollerState,
        azure: azureIds(put.headers),
      };
    }
    throw toBotError(err, 'write', `starting a geo-restore to ${target.name}`);
  }
}

function lroOutcome(body: unknown): { status: string; code?: string } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { status, error } = body as { status?: unknown; error?: { code?: unknown } };
  if (status !== 'Failed' && status !== 'Canceled') return undefined;
  const code = typeof error?.code === 'string' ? error.code : undefined;
  return code ? { status, code } : { status };
}

export async function pollGeoRestore(
  clients: AzureClients,
  handle: GeoRestoreHandle,
  pollIntervalMs: number,
): Promise<GeoRestoreProgress> {
  const { target } = handle;
  const { seen, onResponse } = recorder();
  const client = clients.flexible(target.subscriptionId, 'write');
  try {
    const poller = await client.servers.beginCreateOrUpdate(
      target.resourceGroup,
      target.name,
      { location: handle.targetRegion },
      { resumeFrom: handle.pollerState, updateIntervalInMs: pollIntervalMs, onResponse },
    );
    if (poller.isDone()) {
      const server = poller.getResult() ?? (await client.servers.get(target.resourceGroup, target.name));
      return { status: 'Succeeded', handle, server: flexibleServerFacts(server) };
    }
    const next = { ...handle, pollerState: poller.toString() };
    return { status: 'InProgress', handle: next, nextPollInMs: retryAfterMs(seen.at(-1)) ?? pollIntervalMs };
  } catch (err) {
    const last = seen.at(-1);
    const outcome = lroOutcome(last?.body);
    if (!last || !outcome) throw toBotError(err, 'write', `checking the geo-restore of ${target.name}`);
    const ids = azureIds(last.headers);
    const correlationId = handle.azure.correlationId ?? ids.correlationId;
    return {
      status: 'Failed',
      handle,
      error: {
        code: outcome.code ?? outcome.status,
        status: last.status,
        ...(ids.requestId ? { requestId: ids.requestId } : {}),
        ...(correlationId ? { correlationId } : {}),
      },
    };
  }
}
