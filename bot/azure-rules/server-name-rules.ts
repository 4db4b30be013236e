/**
 * Azure's naming rules for a PostgreSQL server (Flexible and Single Server): 3 to 63 characters,
 * lowercase letters, digits and hyphens, each hyphen between letters or digits: the REST API's name
 * pattern for flexibleServers is `^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*`, so a name may not start or end with a
 * hyphen nor hold two in a row (`a--b`), which Azure's name check would refuse later. Upper case is
 * refused here because the CLI and the DNS label use lower case. The name becomes the DNS label
 * `<name>.postgres.database.azure.com`, so it is also unique across Azure.
 */

/** `hyphenEdge`: a hyphen not between two letters or digits (at either end, or two in a row). */
export type ServerNameProblem = 'length' | 'characters' | 'hyphenEdge';

const ALLOWED = /^[a-z0-9-]+$/;

/** The first rule the name breaks, or undefined when it is valid. */
export function serverNameProblem(name: string): ServerNameProblem | undefined {
  if (name.length < 3 || name.length > 63) return 'length';
  if (!ALLOWED.test(name)) return 'characters';
  if (name.startsWith('-') || name.endsWith('-') || name.includes('--')) return 'hyphenEdge';
  return undefined;
}

export function isValidServerName(name: string): boolean {
  return serverNameProblem(name) === undefined;
}

/** Resource group names: 1-90 of letters, digits, `_ . ( ) -`, not ending with a period. */
export function isValidResourceGroupName(name: string): boolean {
  return /^[\p{L}\p{N}_.()-]{1,90}$/u.test(name) && !name.endsWith('.');
}
