import { foldText } from './clean-text.js';
import type { OtherProduct } from './other-products.js';
import { maxReadChars, type Reading } from './read-message.js';

/** Folded but not split: host names and resource types (`Microsoft.DBforPostgreSQL`) are read whole. */
export const foldMessage = (text: string) => foldText(text.slice(0, maxReadChars));
const fold = foldMessage;

/**
 * Decides the context of a question before its topic: is it about Azure Database for PostgreSQL (or
 * its protection in a Backup vault), about another product or platform, or does it not say? The
 * evidence is weighed where it stands: a name in the title or an asking sentence says more than one
 * in a pasted log.
 */

interface Sign {
  pattern: RegExp;
  weight: number;
}

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

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Evidence that the question is about Azure Database for PostgreSQL or its Backup vault protection. */
const ourSigns: Sign[] = [
  { pattern: /azure (database|db) for postgre(s|sql)?\b/g, weight: 1 },
  { pattern: /\bazure[\s-]*(postgre(s|sql)?|pg|psql)\b/g, weight: 1 },
  { pattern: /\bpostgre(s|sql)? (on|in) azure\b/g, weight: 1 },
  { pattern: /\baz postgres\b/g, weight: 1 },
  { pattern: /\bazurerm_postgresql\w*/g, weight: 1 },
  { pattern: /\b(microsoft\.)?dbforpostgresql\b/g, weight: 1 },
  { pattern: /\.postgres\.database\.azure\.com\b/g, weight: 1 },
  {
    pattern: /\bpostgresql[\s-]*flex(ible)?\b|\bpg[\s-]*flex\b|\bflex(ible)?[\s-]*(pg|postgres)\b/g,
    weight: 1,
  },
  { pattern: /\bazure_pg_admin\b/g, weight: 1 },
  { pattern: /\belastic clusters?\b/g, weight: 1 },
  { pattern: /\baz dataprotection\b|\bbackup[\s-]*vaults?\b|\bbackup cent(er|re)\b/g, weight: 0.5 },
];
/** Names that PostgreSQL shares with other Azure databases: ours only when PostgreSQL is named too. */
const sharedSigns: Sign[] = [{ pattern: /\b(flexible|single)[\s-]*servers?\b|\bflex server\b/g, weight: 1 }];
const postgres = /\bpostgre(s|sql)?\b|\bpg\b|\bpsql\b/;

interface Found {
  strength: number;
  inFocus: boolean;
  spans: Array<[number, number]>;
}

const emptyFound = (): Found => ({ strength: 0, inFocus: false, spans: [] });

/** Every match of the signs in `text`; a match inside [0, focusEnd) is in focus. Each sign counts once. */
function findSigns(signs: readonly Sign[], text: string, focusEnd: number, found = emptyFound()): Found {
  for (const { pattern, weight } of signs) {
    pattern.lastIndex = 0;
    let counted = false;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      if (m[0] === '') {
        pattern.lastIndex++;
        continue;
      }
      found.spans.push([m.index, m.index + m[0].length]);
      if (m.index < focusEnd) found.inFocus = true;
      if (!counted) found.strength += weight; // a sign counts once, however often it is repeated
      counted = true;
    }
  }
  return found;
}

const normalName = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, ' ');

/**
 * Every product's names in one regular expression, so that a long message is scanned once for all of
 * them; a match is traced back to its product by its normalised text.
 */
function nameScanner(products: readonly OtherProduct[]) {
  const owner = new Map<string, number>();
  products.forEach((p, i) => {
    for (const n of p.names) if (!owner.has(normalName(n))) owner.set(normalName(n), i);
  });
  const alternatives = [...owner.keys()]
    .sort((a, b) => b.length - a.length)
    .map((n) => escapeRegExp(n).replace(/ /g, '[\\s_-]+'));
  const pattern = new RegExp(`(?<![\\w.-])(?:${alternatives.join('|')})(?![\\w-]|\\.\\w)`, 'g');
  return (text: string, focusEnd: number, found: Found[]) => {
    const seen = new Set<string>();
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const name = normalName(m[0]);
      const i = owner.get(name);
      const f = i === undefined ? undefined : found[i];
      if (!f) continue;
      f.spans.push([m.index, m.index + m[0].length]);
      if (m.index < focusEnd) f.inFocus = true;
      if (!seen.has(name)) f.strength += 1;
      seen.add(name);
    }
  };
}

export interface ContextReader {
  /** `folded` is the message as foldMessage gives it; `reading` is its readMessage. */
  read(folded: string, reading: Reading): ContextReading;
}

export function createContextReader(products: readonly OtherProduct[]): ContextReader {
  const scanNames = nameScanner(products);
  const signs = products.map((p) => [
    ...p.signs.map((source) => ({ pattern: new RegExp(source, 'g'), weight: 1 })),
    ...p.hints.map((source) => ({ pattern: new RegExp(source, 'g'), weight: 0.5 })),
  ]);
  return {
    read(folded, reading) {
      // The focus (title and asking sentences) comes first, then the whole message: a match that
      // starts within the focus part counts as in focus.
      const focus = reading.whole ? '' : fold([reading.title, ...reading.asks].join('\n'));
      const all = reading.whole ? folded : `${focus}\n${folded}`;
      const focusEnd = reading.whole ? all.length : focus.length;
      const found = products.map(emptyFound);
      scanNames(all, focusEnd, found);
      let other: ContextFinding | undefined;
      const otherSpans: Array<[number, number]> = [];
      products.forEach((product, i) => {
        const f = findSigns(signs[i] ?? [], all, focusEnd, found[i]);
        if (f.strength === 0) return;
        otherSpans.push(...f.spans);
        if (!other || f.strength > other.strength)
          other = { product, strength: f.strength, inFocus: f.inFocus };
      });
      // "Cosmos DB for PostgreSQL" or "MySQL flexible server" are not evidence for us.
      const rest = otherSpans.length > 0 ? mask(all, otherSpans) : all;
      const ours = findSigns(ourSigns, rest, focusEnd);
      if (!other || postgres.test(rest)) findSigns(sharedSigns, rest, focusEnd, ours);
      return { ours: ours.strength, oursInFocus: ours.inFocus, ...(other ? { other } : {}) };
    },
  };
}

function mask(text: string, spans: ReadonlyArray<[number, number]>): string {
  const chars = text.split('');
  for (const [from, to] of spans) for (let i = from; i < to; i++) chars[i] = ' ';
  return chars.join('');
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
