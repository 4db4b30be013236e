import type { OtherProduct } from './other-products.js';
import { fold } from './prepare-text.js';
import { maxReadChars, type Reading } from './read-message.js';
import { NameScanner, type SignHit, SignScanner } from './sign-scanner.js';

/** Folded but not split: host names and resource types (`Microsoft.DBforPostgreSQL`) are read whole. */
export const foldMessage = (text: string) => fold(text.slice(0, maxReadChars));

/**
 * Decides the context of a question before its topic: is it about Azure Database for PostgreSQL (or
 * its protection in a Backup vault), about another product or platform, or does it not say? The
 * evidence is weighed where it stands: a name in the title or an asking sentence says more than one
 * in a pasted log.
 */

export interface ContextFinding {
  product: OtherProduct;
  /** Sum of the weights of the names, signs and hints found (a name or sign is 1, a hint 0.5). */
  strength: number;
  /** Some of the evidence stands in the title or an asking sentence (always, for a short message). */
  inFocus: boolean;
}

export interface ContextReading {
  /** Evidence for Azure Database for PostgreSQL, weighed like a product's. */
  ours: number;
  oursInFocus: boolean;
  /** The other context with the strongest evidence, if any. */
  other?: ContextFinding;
}

/** Evidence that the question is about Azure Database for PostgreSQL or its Backup vault protection. */
const ourSigns: Array<[source: string, weight: number]> = [
  ['azure (database|db) for postgre(s|sql)?\\b', 1],
  ['\\bazure[\\s-]*(postgre(s|sql)?|pg|psql)\\b', 1],
  ['\\bpostgre(s|sql)? (on|in) azure\\b', 1],
  ['\\baz postgres\\b', 1],
  ['\\bazurerm_postgresql\\w*', 1],
  ['\\b(microsoft\\.)?dbforpostgresql\\b', 1],
  ['\\.postgres\\.database\\.azure\\.com\\b', 1],
  ['\\bpostgresql[\\s-]*flex(ible)?\\b|\\bpg[\\s-]*flex\\b|\\bflex(ible)?[\\s-]*(pg|postgres)\\b', 1],
  ['\\bazure_pg_admin\\b', 1],
  ['\\belastic clusters?\\b', 1],
  ['\\baz dataprotection\\b|\\bbackup[\\s-]*vaults?\\b|\\bbackup cent(er|re)\\b', 0.5],
];
/** Names that PostgreSQL shares with other Azure databases: ours only when PostgreSQL is named too. */
const sharedSign = /\b(flexible|single)[\s-]*servers?\b|\bflex server\b/g;
const postgres = /\bpostgre(s|sql)?\b|\bpg\b|\bpsql\b/;

interface Found {
  strength: number;
  inFocus: boolean;
}

/** Adds the hits to their owners' findings; each sign counts once, however often it is repeated. */
function tally(hits: readonly SignHit[], found: Found[], focusEnd: number): void {
  const counted = new Set<number>();
  for (const hit of hits) {
    const f = found[hit.owner];
    if (!f) continue;
    if (hit.from < focusEnd) f.inFocus = true;
    if (!counted.has(hit.sign)) f.strength += hit.weight;
    counted.add(hit.sign);
  }
}

export interface ContextReader {
  /** `folded` is the message as foldMessage gives it; `reading` is its readMessage. */
  read(folded: string, reading: Reading): ContextReading;
}

export function createContextReader(products: readonly OtherProduct[]): ContextReader {
  const signs = products.flatMap((p, owner) => [
    ...p.signs.map((source) => ({ source, weight: 1, owner })),
    ...p.hints.map((source) => ({ source, weight: 0.5, owner })),
  ]);
  const otherSigns = new SignScanner(signs);
  const otherNames = new NameScanner(
    products.flatMap((p, owner) => p.names.map((name) => ({ name, owner }))),
    signs.length,
  );
  const ours = new SignScanner(ourSigns.map(([source, weight]) => ({ source, weight, owner: 0 })));
  return {
    read(folded, reading) {
      // The focus (title and asking sentences) comes first, then the whole message: a match that
      // starts within the focus part counts as in focus.
      const focus = reading.whole ? '' : foldMessage([reading.title, ...reading.asks].join('\n'));
      const all = reading.whole ? folded : `${focus}\n${folded}`;
      const focusEnd = reading.whole ? all.length : focus.length;
      const found = products.map(() => ({ strength: 0, inFocus: false }));
      const hits = otherNames.scan(all, otherSigns.scan(all));
      tally(hits, found, focusEnd);
      let other: ContextFinding | undefined;
      products.forEach((product, i) => {
        const f = found[i];
        if (f && f.strength > 0 && (!other || f.strength > other.strength))
          other = { product, strength: f.strength, inFocus: f.inFocus };
      });
      // "Cosmos DB for PostgreSQL" or "MySQL flexible server" are not evidence for us.
      const rest = hits.length > 0 ? mask(all, hits) : all;
      const mine = { strength: 0, inFocus: false };
      tally(ours.scan(rest), [mine], focusEnd);
      if (!other || postgres.test(rest)) {
        sharedSign.lastIndex = 0;
        const shared = sharedSign.exec(rest);
        if (shared) {
          mine.strength += 1;
          if (shared.index < focusEnd) mine.inFocus = true;
        }
      }
      return { ours: mine.strength, oursInFocus: mine.inFocus, ...(other ? { other } : {}) };
    },
  };
}

function mask(text: string, hits: readonly SignHit[]): string {
  const spans = [...hits].sort((a, b) => a.from - b.from);
  let out = '';
  let at = 0;
  for (const { from, to } of spans) {
    if (to <= at) continue;
    const start = Math.max(from, at);
    out += text.slice(at, start) + ' '.repeat(to - start);
    at = to;
  }
  return out + text.slice(at);
}

/**
 * The other context a question belongs to, when the evidence for it is firm (a name or a sign) and the
 * evidence for ours is not (a Backup vault alone is not), or is only in the noise while the other
 * stands where the person asks.
 */
export function placedElsewhere(context: ContextReading): OtherProduct | undefined {
  const other = context.other;
  if (!other || other.strength < 1) return undefined;
  if (context.ours < 1) return other.product;
  if (other.inFocus && !context.oursInFocus) return other.product;
  return undefined;
}

/** A weaker reading: any hint of another context and none of ours. Used when the topic is uncertain too. */
export function hintedElsewhere(context: ContextReading): OtherProduct | undefined {
  return context.other && context.ours === 0 ? context.other.product : undefined;
}
