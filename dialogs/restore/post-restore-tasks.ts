/**
 * What a Flexible Server geo-restore does not bring to the new server, written once: the summary
 * before a restore lists it as what will not carry over, and the completion message as the checklist
 * of what to do now. Source: Microsoft's backup and restore concepts page (post-restore tasks) and the
 * business continuity overview, as checked in the facts audit of 2026-12 (rows 2, 11, 12, 18).
 */
export const postRestoreTasks: readonly string[] = [
  'firewall rules: not copied by a geo-restore; add the server-level firewall rules again for the clients that will connect to the new server',
  'private endpoints and virtual network rules: not copied; create them again for the new server',
  'server parameters: not applied to the new server; compare them with the source and set again any you had changed (for example TLS enforcement or the built-in PgBouncer)',
  'high availability: the new server starts as a single instance; enable it again if you need it',
  'read replicas: not recreated; create them again from the new server',
  'alerts, diagnostic settings and monitoring: set them up again for the new server',
  'virtual endpoints: if your applications use one, point it at the new server so that connection strings need not change',
  'logins and database permissions: check that the roles your applications use can sign in and have the rights they need',
  'geo-redundant backup of the new server: while the source region is down, Azure cannot create the new server with it, and it cannot be switched on later; once that region is back, a point-in-time restore of the new server into another server with geo-redundant backup chosen gives you a geo-redundant copy again',
  'applications: point connection strings (or your DNS name) at the new host name',
];

/** The tasks under a heading, one bullet each, as reply text. */
export function postRestoreList(heading: string): string {
  return [heading, ...postRestoreTasks.map((t) => `- ${t}`)].join('\n');
}
