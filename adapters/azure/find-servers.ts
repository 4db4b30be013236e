import { isValidResourceGroupName, isValidServerName } from '../../bot/azure-rules/server-name-rules.js';
import { parseServerResourceId, serverRef } from '../../bot/azure-rules/server-resource-id.js';
import type { ServerFacts, ServerQuery, ServerRef } from '../../bot/ports/postgres-ops.js';
import type { AzureClients } from './azure-clients.js';
import { isNotFound, toBotError } from './azure-error-mapping.js';
import { flexibleServerFacts, singleServerFacts } from './server-facts.js';

/** Where we are allowed to look: the configured subscriptions, optionally only some resource groups. */
export interface SearchScope {
  subscriptionIds: string[];
  resourceGroups?: string[];
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function inScope(scope: SearchScope, subscriptionId: string, resourceGroup: string): boolean {
  if (!scope.subscriptionIds.some((s) => same(s, subscriptionId))) return false;
  return scope.resourceGroups === undefined || scope.resourceGroups.some((rg) => same(rg, resourceGroup));
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

export async function getServer(
  clients: AzureClients,
  scope: SearchScope,
  ref: ServerRef,
): Promise<ServerFacts | undefined> {
  if (!inScope(scope, ref.subscriptionId, ref.resourceGroup)) return undefined;
  const what = `reading server ${ref.name}`;
  try {
    if (ref.model === 'flexible-server') {
      return flexibleServerFacts(
        await clients.flexible(ref.subscriptionId).servers.get(ref.resourceGroup, ref.name),
      );
    }
    return singleServerFacts(
      await clients.single(ref.subscriptionId).servers.get(ref.resourceGroup, ref.name),
    );
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw toBotError(err, 'read', what);
  }
}

async function byNameInGroup(
  clients: AzureClients,
  scope: SearchScope,
  subscriptionId: string,
  rg: string,
  name: string,
) {
  const found = await Promise.all([
    getServer(clients, scope, serverRef('flexible-server', subscriptionId, rg, name)),
    getServer(clients, scope, serverRef('single-server', subscriptionId, rg, name)),
  ]);
  return found.filter((f): f is ServerFacts => f !== undefined);
}

async function byNameInSubscription(clients: AzureClients, subscriptionId: string, name: string) {
  try {
    const [flexible, single] = await Promise.all([
      collect(clients.flexible(subscriptionId).servers.listBySubscription()),
      collect(clients.single(subscriptionId).servers.list()),
    ]);
    return [
      ...flexible.filter((s) => s.name !== undefined && same(s.name, name)).map(flexibleServerFacts),
      ...single.filter((s) => s.name !== undefined && same(s.name, name)).map(singleServerFacts),
    ];
  } catch (err) {
    throw toBotError(err, 'read', 'listing servers');
  }
}

/** Every match, Flexible first; names that break Azure's naming rules match nothing and reach no URL. */
export async function findServers(
  clients: AzureClients,
  scope: SearchScope,
  query: ServerQuery,
): Promise<ServerFacts[]> {
  if ('resourceId' in query) {
    const ref = parseServerResourceId(query.resourceId);
    if (!ref) return [];
    const facts = await getServer(clients, scope, ref);
    return facts ? [facts] : [];
  }
  const name = query.name.trim().toLowerCase();
  if (!isValidServerName(name)) return [];
  const rg = query.resourceGroup?.trim();
  if (rg !== undefined && !isValidResourceGroupName(rg)) return [];
  const groups = rg !== undefined ? [rg] : scope.resourceGroups;
  const perSubscription = scope.subscriptionIds.map((subscriptionId) =>
    groups === undefined
      ? byNameInSubscription(clients, subscriptionId, name)
      : Promise.all(groups.map((g) => byNameInGroup(clients, scope, subscriptionId, g, name))).then((r) =>
          r.flat(),
        ),
  );
  const found = (await Promise.all(perSubscription)).flat();
  return found.sort((a, b) => (a.ref.model === b.ref.model ? 0 : a.ref.model === 'flexible-server' ? -1 : 1));
}
