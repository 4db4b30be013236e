import { conceptFor } from './concepts.js';
import { applyDomainTerms } from './domain-terms.js';
import { editDistance, stem, words } from './natural-parts.js';
import { prepareText } from './prepare-text.js';
import { SpellingIndex } from './spelling-index.js';

/** Words so common in questions that they say nothing about the topic. */
const stopwords = new Set(
  'a an the is are was were be been being to of for in on at by with and or this that these those there i im ive me my we our us its am do does did so as from about into than then just also any some whether'.split(
    ' ',
  ),
);

/** Hyphenated words that are ordinary English, not resource names. */
const commonCompound =
  /^(re|non|pre|co|self|multi|sub|anti|auto|semi)-|^(real-time|read-only|built-in|up-to-date|how-to|follow-up|step-by-step|e-mail|log-in|sign-in|set-up|plain-text)$/;

/**
 * A compound such as `pg-orders-prod` or `acme_pg_01` that is not a domain term is a resource name;
 * one placeholder stands for every name so the matcher learns "a named server" rather than names.
 */
function rewriteCompound(compound: string): string {
  // Dates, versions, addresses and host names are names to the matcher; the synonym table cannot
  // join them into one word, so it is not run (a pasted log is full of them).
  if (
    /^\d[^_]*[-.][^_]*[-.]/.test(compound) ||
    /^[^_]+\.(com|net|org|io|dev|app|cloud|local|internal)$/.test(compound)
  )
    return ' xname ';
  const canonical = applyDomainTerms(compound).trim();
  if (!/[-_.]/.test(canonical)) return ` ${canonical} `;
  // Azure server names allow only letters, digits and hyphens: an underscore means a SKU or a setting.
  if (/^(standard_)?[bgm]o?_?(gen\d_)?\d|^standard_[a-z]\d|^(b|gp|mo)_(gen\d|standard_)/.test(compound))
    return ' sku tier ';
  // A setting, attribute or parameter (`geo_redundant_backup_enabled`, `create_mode`): its words.
  if (compound.includes('_')) return ` ${applyDomainTerms(compound.replace(/_/g, ' '))} `;
  if (commonCompound.test(compound)) return ` ${compound.replace(/[-_.]/g, ' ')} `;
  const parts = compound.split(/[-_.]/);
  if (
    parts.some((p) => /^\d+$/.test(p)) &&
    parts.every((p) => /^\d+$|^[a-z]+$/.test(p)) &&
    parts.length === 2
  ) {
    return ` ${parts.join(' ')} `; // "36-hour", "v2-api"
  }
  return ' xname ';
}

/** Does a compound token (`pg-orders-prod`, `acme.pg.01`) read as a resource name rather than a word or term? */
export function isResourceName(token: string): boolean {
  const lower = token.toLowerCase();
  return /[-_.]/.test(lower) && rewriteCompound(lower).trim() === 'xname';
}

/** Text → canonical lower-case tokens (domain terms joined, names replaced, stopwords dropped). */
export function surfaceTokens(text: string): string[] {
  const prepared = prepareText(text)
    .replace(/(?<![a-z0-9._-])[a-z0-9._-]+@[a-z0-9._-]+/g, ' userathost ')
    .replace(/[a-z0-9]+(?:[-_.][a-z0-9]+)+/g, rewriteCompound);
  return words(applyDomainTerms(prepared)).filter((w) => w.length > 1 && !stopwords.has(w));
}

/** How closely a part of a message is read (see featuresOfParts). */
export type PartKind = 'asked' | 'told' | 'pasted';
export interface MessagePart {
  text: string;
  weight: number;
  kind?: PartKind;
}

const conceptWeight = 0.7;
/**
 * Features are scaled by (1 + ln((1 + n) / (1 + df)))^idfPower over the knowledge base's texts:
 * words every topic uses ("server", "backup") count less than words few topics use. The square
 * root keeps common words in play (chosen by cross-validation over the knowledge base).
 */
const idfPower = 0.5;

/**
 * Turns text into weighted features: stems of (spell-corrected) tokens, stem bigrams and concepts,
 * weighted by rarity and scaled to unit length. Unknown words within a small edit distance of a
 * word of the knowledge base are read as that word, so "restor", "chekc" or "firewal" still count.
 */
export class TextFeatures {
  private readonly vocabulary = new Map<string, number>();
  private readonly corrections = new Map<string, string>();
  private readonly idf = new Map<string, number>();
  /** Stems of the knowledge base's own words, which most questions are made of (Porter is slow). */
  private readonly knownStems = new Map<string, string>();
  private readonly otherStems = new Map<string, string>();
  /** The first three letters of the knowledge base's stems (see knownStem). */
  private readonly stemPrefixes = new Set<string>();
  /** Built on the first correction, when the vocabulary is complete. */
  private spelling: SpellingIndex | undefined;
  private readonly unseenIdf: number;

  constructor(trainingTexts: Iterable<string>) {
    const texts = [...trainingTexts];
    for (const text of texts) {
      for (const token of surfaceTokens(text))
        this.vocabulary.set(token, (this.vocabulary.get(token) ?? 0) + 1);
    }
    const df = new Map<string, number>();
    for (const text of texts)
      for (const key of this.features(text).keys()) df.set(key, (df.get(key) ?? 0) + 1);
    const n = texts.length;
    for (const [key, count] of df) this.idf.set(key, (1 + Math.log((1 + n) / (1 + count))) ** idfPower);
    this.unseenIdf = (1 + Math.log(1 + n)) ** idfPower;
    for (const stem of this.knownStems.values()) this.stemPrefixes.add(stem.slice(0, 3));
  }

  /** How much a feature's rarity in the knowledge base scales it (1 while the weights are being counted). */
  private rarity(key: string): number {
    if (this.idf.size === 0) return 1;
    return this.idf.get(key) ?? this.unseenIdf;
  }

  /**
   * The knowledge base's word nearest to a misspelt one, or the token itself. Short words are left alone
   * (too many real words are one edit from a domain word: "cook", "bake"), and a word of up to six letters
   * is only ever lengthened or rearranged, never shortened: a dropped letter is the usual slip
   * ("servr", "regon"), while a real word that contains a domain word ("pasta", "bread") is not one.
   */
  correct(token: string): string {
    if (this.vocabulary.has(token) || token.length < 5 || /\d/.test(token)) return token;
    const cached = this.corrections.get(token);
    if (cached !== undefined) return cached;
    const limit = token.length >= 8 ? 2 : 1;
    let best = token;
    let bestDistance = limit + 1;
    let bestCount = 0;
    this.spelling ??= new SpellingIndex(this.vocabulary.keys());
    for (const word of this.spelling.candidates(token, limit)) {
      const count = this.vocabulary.get(word) ?? 0;
      if (Math.abs(word.length - token.length) > limit || word.length < 4) continue;
      if (word.length < token.length && token.length < 7) continue;
      const d = editDistance(token, word);
      if (d > limit) continue;
      if (d < bestDistance || (d === bestDistance && count > bestCount)) {
        best = word;
        bestDistance = d;
        bestCount = count;
      }
    }
    if (this.corrections.size > 50_000) this.corrections.clear();
    this.corrections.set(token, best);
    return best;
  }

  /**
   * Whether a word the knowledge base never used stems to one of its stems ("restorations" → "restor").
   * Stemming changes only the end of a word (a final y may become i: "copying" → "copi"), so a word
   * whose first three letters begin no known stem, nor its first two for the shortest stems, is passed
   * over without stemming: a long post's names and ids cost a lookup, not the Porter stemmer.
   */
  private knownStem(word: string): boolean {
    const prefixes = this.stemPrefixes;
    const begins = (n: number) => {
      const start = word.slice(0, n);
      return prefixes.has(start) || prefixes.has(start.replace(/y$/, 'i'));
    };
    if (word.length > 3 && !begins(3) && !begins(2)) return false;
    return this.idf.has(this.stemOf(word));
  }

  /** The stem of a word, remembered for the knowledge base's words (a bounded set). */
  private stemOf(word: string): string {
    const known = this.knownStems.get(word) ?? this.otherStems.get(word);
    if (known !== undefined) return known;
    const stemmed = stem(word);
    if (this.vocabulary.has(word)) this.knownStems.set(word, stemmed);
    else {
      // Other words come back too (a long post is mostly ordinary English); bounded like corrections.
      if (this.otherStems.size >= 50_000) this.otherStems.clear();
      this.otherStems.set(word, stemmed);
    }
    return stemmed;
  }

  stems(text: string): string[] {
    return surfaceTokens(text).map((t) => this.stemOf(this.correct(t)));
  }

  features(text: string): Map<string, number> {
    return this.featuresOfParts([{ text, weight: 1 }]);
  }

  /**
   * Features of a message read in parts (see readMessage), each part's features scaled by its weight;
   * a feature found in several parts keeps its largest value. How closely a part is read depends on its
   * kind: what the person asks is read word by word, misspellings corrected; the story around it is
   * skimmed (its words as typed, kept when the knowledge base knows them or their stem); pasted lines
   * (logs, code) only give the knowledge base's own words. A long post's noise then neither dilutes
   * what it asks nor costs a spelling lookup per unknown name.
   */
  featuresOfParts(parts: ReadonlyArray<MessagePart>): Map<string, number> {
    const out = new Map<string, number>();
    for (const part of parts) this.addFeatures(out, part.text, part.weight, part.kind ?? 'asked');
    let norm = 0;
    for (const v of out.values()) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    for (const [k, v] of out) out.set(k, v / norm);
    return out;
  }

  private addFeatures(out: Map<string, number>, text: string, scale: number, kind: PartKind): void {
    if (text === '' || scale <= 0) return;
    const tokens = surfaceTokens(text);
    const words =
      kind === 'asked'
        ? tokens.map((t) => this.correct(t))
        : kind === 'told'
          ? tokens.filter((t) => this.vocabulary.has(t) || this.knownStem(t))
          : tokens.filter((t) => this.vocabulary.has(t));
    const stems = words.map((w) => this.stemOf(w));
    const add = (key: string, weight: number) =>
      out.set(key, Math.max(out.get(key) ?? 0, scale * weight * this.rarity(key)));
    for (const word of words) {
      const concept = conceptFor(word);
      if (concept) add(concept, conceptWeight);
    }
    stems.forEach((s, i) => {
      add(s, 1);
      const next = stems[i + 1];
      if (next !== undefined) add(`${s}_${next}`, 0.6);
    });
  }
}
