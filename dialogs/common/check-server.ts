import type { Button, Json, Reply } from '../../bot/model.js';
import type { PostgresOps, ServerFacts, ServerQuery } from '../../bot/ports/postgres-ops.js';
import { humanButton } from './replies.js';
import { findServerQuery } from './server-name.js';

/** The outcome of looking a server up by what a user typed or clicked: values, not exceptions. */
export type Resolution =
  | { kind: 'found'; server: ServerFacts }
  | { kind: 'ambiguous'; servers: ServerFacts[] }
  | { kind: 'notFound'; name: string }
  | { kind: 'noQuery' };

export function queryFromText(text: string): ServerQuery | undefined {
  const q = findServerQuery(text);
  if (!q) return undefined;
  if (q.resourceId) return { resourceId: q.resourceId };
  return q.resourceGroup ? { name: q.name, resourceGroup: q.resourceGroup } : { name: q.name };
}

/** Azure errors propagate (the caller turns them into a reply and an audit row). */
export async function resolveServer(ops: PostgresOps, query: ServerQuery | undefined): Promise<Resolution> {
  if (!query) return { kind: 'noQuery' };
  const servers = await ops.findServers(query);
  const [first] = servers;
  if (servers.length === 1 && first) return { kind: 'found', server: first };
  if (servers.length > 1) return { kind: 'ambiguous', servers };
  const name = 'name' in query ? query.name : (query.resourceId.split('/').at(-1) ?? query.resourceId);
  return { kind: 'notFound', name };
}

/** A button value naming a server by its resource id, as the pick and start buttons carry it. */
export function serverIdOf(value: Json | undefined): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const id = value.serverId;
  return typeof id === 'string' && id.length < 400 ? id : undefined;
}

const modelLabel = (s: ServerFacts) =>
  s.ref.model === 'single-server' ? 'Single Server' : 'Flexible Server';

export function ambiguousReply(servers: ServerFacts[], actionId: string, name: string): Reply {
  const shown = servers.slice(0, 10);
  const buttons: Button[] = shown.map((s) => ({
    id: actionId,
    label: `${s.ref.name} in ${s.ref.resourceGroup} (${s.region}, ${modelLabel(s)})`,
    value: { serverId: s.ref.id },
  }));
  return {
    kind: 'clarify',
    summary: `I found ${servers.length} servers named ${name}. Which one do you mean?`,
    text: [
      ...shown.map(
        (s) =>
          `- ${s.ref.name} in resource group ${s.ref.resourceGroup}, subscription ${s.ref.subscriptionId}`,
      ),
      '',
      'Pick one, or type its name with its resource group (for example: check pg-orders in rg-prod).',
    ].join('\n'),
    buttons: [...buttons, humanButton],
  };
}

export function notFoundReply(name: string): Reply {
  return {
    kind: 'info',
    summary: `I could not find a server named ${name}.`,
    text: [
      'I looked in every subscription and resource group I am allowed to read. Please check:',
      '- the spelling of the name (server names are lower-case letters, digits and hyphens)',
      '- that it is in one of the subscriptions this bot is configured for (a server elsewhere is invisible to me)',
      '- the resource group, if you gave one (for example: check pg-orders in rg-prod), or paste the full resource id',
    ].join('\n'),
    buttons: [humanButton],
  };
}

export function askServerReply(verb: string): Reply {
  return {
    kind: 'clarify',
    text: `Which server should I ${verb}? Type its name (for example pg-orders), its name and resource group (pg-orders in rg-prod), or its resource id.`,
    buttons: [humanButton],
  };
}
