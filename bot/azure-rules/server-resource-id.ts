import type { DeploymentModel, ServerRef } from '../ports/postgres-ops.js';

/**
 * ARM resource ids of PostgreSQL servers:
 * `/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{name}` (Flexible)
 * and `…/Microsoft.DBforPostgreSQL/servers/{name}` (Single Server). ARM compares them case-insensitively.
 */

const TYPE_SEGMENT: Record<DeploymentModel, string> = {
  'flexible-server': 'flexibleServers',
  'single-server': 'servers',
};

const ID =
  /^\/subscriptions\/([0-9a-f-]{36})\/resourceGroups\/([^/]{1,90})\/providers\/Microsoft\.DBforPostgreSQL\/(flexibleServers|servers)\/([^/]{1,63})\/?$/i;

export function serverRef(
  model: DeploymentModel,
  subscriptionId: string,
  resourceGroup: string,
  name: string,
): ServerRef {
  const id = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.DBforPostgreSQL/${TYPE_SEGMENT[model]}/${name}`;
  return { subscriptionId, resourceGroup, name, id, model };
}

/** Undefined when the text is not the id of a PostgreSQL server. */
export function parseServerResourceId(text: string): ServerRef | undefined {
  const m = ID.exec(text.trim());
  if (!m) return undefined;
  const [, subscriptionId, resourceGroup, type, name] = m;
  if (!subscriptionId || !resourceGroup || !type || !name) return undefined;
  const model: DeploymentModel = type.toLowerCase() === 'servers' ? 'single-server' : 'flexible-server';
  return serverRef(model, subscriptionId.toLowerCase(), resourceGroup, name);
}
