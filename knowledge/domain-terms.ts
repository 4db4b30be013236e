/**
 * The domain's synonyms and abbreviations, rewritten to one canonical form before tokenising so
 * that "geo restore", "georestore" and "geo-restore" are the same word to the matcher. Order
 * matters: longer phrases first. Each pattern runs on folded (lower-case) text.
 */
export const domainTerms: Array<[RegExp, string]> = [
  [/\bcross[\s-]*region[\s-]*restor(e|es|ed|ing)?\b/g, ' crr '],
  [/\bcrr\b/g, ' crr '],
  [/\bgeo[\s-]*restor(e|es|ed|ing|ation)?\b/g, ' georestore '],
  [/\bgeo[\s-]*redundan(t|cy)\b/g, ' georedundant '],
  [/\bgeo[\s-]*(backups?|bkps?)\b/g, ' georedundant backup '],
  [/\bgeo[\s-]*(replicated|replication|replica)\b/g, ' georeplicated '],
  [/\bgrs\b/g, ' georedundant storage '],
  [/\blrs\b|\blocally[\s-]*redundant\b/g, ' localredundant '],
  [/\bzrs\b|\bzone[\s-]*redundant\b/g, ' zoneredundant '],
  [/\bpitr\b|\bpoint[\s-]*in[\s-]*time(\s+(restore|recovery))?\b/g, ' pointintime restore '],
  [/\brecovery\s+point\s+objective\b/g, ' rpo '],
  [/\brecovery\s+time\s+objective\b/g, ' rto '],
  [/\bread[\s-]*replicas?\b/g, ' readreplica '],
  [/\bpg[_\s-]*hba(\.conf)?\b/g, ' pghba '],
  [/\bpg[_\s-]*dump(all)?\b/g, ' pgdump '],
  // pg_dump's output formats: a "directory type backup" is a dump.
  [
    /\b(directory|custom|tar|plain)[\s-]*(type|format)[\s-]*(backups?|dumps?|archives?)?\b/g,
    ' pgdump format ',
  ],
  [/\bpg[_\s-]*restore\b/g, ' pgrestore '],
  [/\bpostgre(s|sql)?\b|\bpsql\b|\bpg\b/g, ' postgres '],
  [/\bflexible[\s-]*server\b|\bflex[\s-]*server\b|\bflex\b/g, ' flexible '],
  [/\bsingle[\s-]*server\b/g, ' singleserver '],
  [/\bbackup[\s-]*vaults?\b/g, ' backupvault '],
  [/\bbackup[\s-]*cent(er|re)\b/g, ' backupcenter '],
  [/\bvirtual\s+networks?\b|\bv-?nets?\b/g, ' vnet '],
  [/\bservice[\s-]*endpoints?\b/g, ' serviceendpoint '],
  [/\bfire[\s-]*walls?\b/g, ' firewall '],
  [/\bip\s*(address(es)?)?\b/g, ' ip '],
  [/\btransaction[\s-]*logs?\b|\bwal\b|\bwrite[\s-]*ahead[\s-]*logs?\b/g, ' wal '],
  [/\bdisaster[\s-]*recovery\b|\bdr\b|\bbcdr\b/g, ' disasterrecovery '],
  [/\bdbs?\b|\bdatabases\b/g, ' database '],
  [/\bsecondary[\s-]*region\b/g, ' secondaryregion '],
  [/\bpaired[\s-]*region\b/g, ' pairedregion '],
  [/\baz\s+cli\b|\bazure\s+cli\b|\bcli\b/g, ' azcli '],
  [/\bconn(ection)?\s*str(ing)?s?\b/g, ' connectionstring '],
  [/\buser\s*name\b/g, ' username '],
  [/\bhost\s*name\b/g, ' hostname '],
  [/\bend\s*point\b/g, ' endpoint '],
  [/\bcan'?t\b|\bcannot\b/g, ' can not '],
  [/\bwon'?t\b/g, ' will not '],
  [/\bdon'?t\b|\bdoesn'?t\b|\bdidn'?t\b/g, ' not '],
  [/n't\b/g, ' not '],
  [/\bpls\b|\bplz\b/g, ' please '],
  [/\bthx\b|\bty\b/g, ' thanks '],
];

/** The top-level alternatives of a pattern's source (a `|` inside a group or a class does not split). */
function alternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/**
 * Literal text each pattern cannot match without (the leading letters of each alternative), or undefined
 * when an alternative starts with anything else: a pattern whose literals are all absent is skipped,
 * which spares most of the table on most text (a long post, every compound name of a pasted log).
 */
const required = domainTerms.map(([pattern]) => {
  const literals = alternatives(pattern.source).map((alt) => {
    const m = /^(?:\\b)?([a-z']+)([?*{]?)/.exec(alt);
    // A quantifier after the run makes its last letter optional: "dbs?" needs only "db".
    const literal = m?.[2] ? m[1]?.slice(0, -1) : m?.[1];
    return literal ? literal : undefined;
  });
  return literals.every((l): l is string => l !== undefined) ? literals : undefined;
});

export function applyDomainTerms(text: string): string {
  let out = text;
  domainTerms.forEach(([pattern, replacement], i) => {
    const literals = required[i];
    if (literals && !literals.some((l) => out.includes(l))) return;
    out = out.replace(pattern, replacement);
  });
  return out;
}
