/**
 * What a Flexible Server geo-restore does not bring to the new server, written once: the summary
 * before a restore lists it as what will not carry over, and the completion message as the checklist
 * of what to do now.
 */
export const postRestoreTasks: readonly string[] = [
  'firewall rules: a Flexible Server geo-restore copies them, but check firewall rules after the restore against the clients that will connect in the new region',
  'private endpoints: not carried over; create new ones for the new server if you use Private Link',
  'server parameters: compare them with the source and set again any that differ',
  'high availability: the new server starts without it; enable it if you need it',
  'alerts, diagnostic settings and monitoring: not carried over; set them up for the new server',
  'geo-redundant backup of the new server: check it is enabled if you want to be able to geo-restore it too',
  'applications: point connection strings (or your DNS name) at the new host name',
];

/** The tasks under a heading, one bullet each, as reply text. */
export function postRestoreList(heading: string): string {
  return [heading, ...postRestoreTasks.map((t) => `- ${t}`)].join('\n');
}
