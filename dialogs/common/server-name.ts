import { isValidServerName } from '../../bot/azure-rules/server-name-rules.js';

/** A reference to a server as a user typed it: a name, optionally with its resource group, or a resource id. */
export interface ServerQuery {
  name: string;
  resourceGroup?: string;
  resourceId?: string;
}

const resourceIdPattern =
  /\/subscriptions\/[0-9a-f-]{36}\/resourcegroups\/([\w.()-]{1,90})\/providers\/microsoft\.dbforpostgresql\/(?:flexibleservers|servers)\/([a-z0-9-]{3,63})/i;

/** Words that can follow "check"/"restore" but are not server names. */
const notNames = new Set(
  'the my our a an it its this that server servers database db please pls now if whether is can geo backup backups restore eligibility status for to of on in into and with whats what which all every subscription region paired secondary'.split(
    ' ',
  ),
);

/**
 * Finds the server a message is about: a resource id, a quoted name, "name: x", "server x", or the
 * first token that looks like a server name (has a hyphen or a digit), with "in <resource group>".
 */
export function findServerQuery(text: string): ServerQuery | undefined {
  const id = resourceIdPattern.exec(text);
  if (id?.[1] && id[2]) return { name: id[2].toLowerCase(), resourceGroup: id[1], resourceId: id[0] };
  const lower = text.toLowerCase();
  // A quoted name, or one introduced as a name, may be a plain word; after "server" it must look like a name.
  const explicit =
    /["'`‘’“”]([a-z0-9-]{3,63})["'`‘’“”]/.exec(lower)?.[1] ??
    /\b(?:name|named|called)\s*[:=]?\s*([a-z0-9][a-z0-9-]{1,61}[a-z0-9])\b/.exec(lower)?.[1] ??
    /\bserver\s*[:=]?\s*([a-z0-9]+(?:-[a-z0-9]+)+|[a-z]+\d[a-z0-9]*)\b/.exec(lower)?.[1];
  const tokens = lower.split(/[^a-z0-9-]+/).filter((t) => isValidServerName(t) && !notNames.has(t));
  const name =
    explicit && !notNames.has(explicit)
      ? explicit
      : tokens.find((t) => /-|\d/.test(t) && !/^\d+$/.test(t) && !/^geo-/.test(t));
  if (!name) return undefined;
  const rg = /\b(?:in|resource[\s-]?group|rg)\s*[:=]?\s+((?:rg-)?[a-z0-9][\w.()-]{0,89})\b/.exec(
    lower.replace(name, ''),
  )?.[1];
  return rg && rg !== name && /^rg-|[-_]/.test(rg) ? { name, resourceGroup: rg } : { name };
}
