/**
 * Lists of people by immutable platform id, as RESTORE_ALLOWED_USERS and SUPPORT_AGENTS spell them:
 * comma-separated `slack:<user id>` or `teams:<Entra object id>`.
 */
export type ListedUser = { channel: 'slack' | 'teams'; id: string };

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;

/** Parses the variable's entries; each malformed one becomes a problem naming its position, never its value. */
export function parseUserList(variable: string, raw: string | undefined, problems: string[]): ListedUser[] {
  const users: ListedUser[] = [];
  const entries = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    const channel = entry.slice(0, colon).toLowerCase();
    const id = entry.slice(colon + 1);
    if (channel === 'slack' && SLACK_USER.test(id)) users.push({ channel, id });
    else if (channel === 'teams' && GUID.test(id)) users.push({ channel, id: id.toLowerCase() });
    else
      problems.push(
        `${variable} entry ${index + 1} is not slack:<user id> (e.g. slack:U0123ABCD) or teams:<Entra object id GUID>`,
      );
  });
  return users;
}

/** Whether the list names this person (Entra object ids compare case-insensitively). */
export function listsUser(
  list: ReadonlyArray<{ channel: string; id: string }>,
  channel: string,
  id: string,
): boolean {
  const norm = (value: string) => (channel === 'teams' ? value.toLowerCase() : value);
  return list.some((u) => u.channel === channel && norm(u.id) === norm(id));
}
