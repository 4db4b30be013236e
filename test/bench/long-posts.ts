/**
 * Long posts the way people write them in an issue or a support thread (a title, a story, a pasted log
 * or stack trace, an error, the question), up to the 4,000 characters the engine reads, for timing the
 * matcher. Written by the team, varied by a seeded generator so that no two are alike: numbers, host
 * names and the words of the story change, and one story word in five is new, which keeps the spelling
 * corrector's cache honest.
 */
const titles = [
  'Geo restore of our flexible server fails in the paired region',
  'Cannot connect after restoring the server',
  'pg_dump against Azure Database for PostgreSQL is very slow',
  'Docker postgres refuses connections from the api container',
  'Recovery Services vault cross region restore shows nothing',
  'Backups not listed when restoring into another region',
  'Terraform create_mode GeoRestore for postgresql_flexible_server',
  'How long does a geo restore take for a big server',
];
const storyWords =
  'we our team yesterday morning after before during the a an production staging customer traffic deploy deployment release weekend outage incident ticket manager asked documentation portal page button setting option value changed tried again noticed suddenly everything nothing service application worker queue batch nightly job script pipeline agent runner region zone network subnet gateway firewall certificate password user role permission schema table index query slow fast minutes hours days week month database server instance cluster replica backup restore copy snapshot volume disk storage account subscription resource group template module provider version upgrade migration rollback alert metric dashboard log trace error warning message output result expected actual strange weird confusing unclear helpful thanks please help anyone else seen this before'.split(
    ' ',
  );
const questions = [
  'What are the steps to get the server running in the other region?',
  'Do I have to add the firewall rules again on the restored server?',
  'Which pg_dump options should I use to make this faster?',
  'What do I need to add to pg_hba.conf in the image?',
  'Is cross region restore supported for these virtual machines at all?',
  'Why does the source server not show up in the list?',
  'Is this create mode supported, and what else must be set?',
  'How long should we expect it to take?',
];

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` posts of `minChars` to 4,000 characters. */
export function longPosts(count: number, minChars = 3000, seed = 11): string[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const id = () => Math.floor(next() * 1e6).toString(36);
  return Array.from({ length: count }, (_, n) => {
    const topic = n % titles.length;
    // One word in five is new to the matcher (a team's names and jargon), as in real posts: each new word
    // costs a spelling lookup the first time it is seen.
    const word = () =>
      next() < 0.2 ? `${pick(['kar', 'vel', 'dom', 'sit', 'bru'])}${id()}` : pick(storyWords);
    const story = () =>
      `${Array.from({ length: 8 + Math.floor(next() * 10) }, word).join(' ')}.`.replace(/^./, (c) =>
        c.toUpperCase(),
      );
    const log = () =>
      `  2025-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}T0${Math.floor(next() * 9)}:${10 + Math.floor(next() * 49)}:00Z ` +
      `${pick(['INFO', 'WARN', 'ERROR'])} ${pick(['worker', 'api', 'sync', 'db'])}-${id()} ` +
      `${pick(['processed', 'retrying', 'connected to', 'timeout talking to'])} pg-${id()}.postgres.database.azure.com batch ${id()}`;
    const parts = [titles[topic] ?? '', '', story(), story(), story(), ''];
    let body = parts.join('\n');
    while (body.length < minChars - 400) body += `${log()}\n`;
    body += `\nFATAL: ${pick(['no pg_hba.conf entry for host "10.0.0.4"', 'password authentication failed for user "app"', 'could not translate host name', 'Unable to geo-restore server as its geo-backups are not available yet'])}\n\n${story()} ${questions[topic] ?? ''}`;
    return body.slice(0, 4000);
  });
}
