/**
 * Many regular expressions run as one: a long message is scanned once for all of them instead of once
 * each (a 4,000-character post against some fifty context signs took four times as long). Each
 * expression becomes one capturing group of an alternation, so a match is traced back to its sign.
 * Where two signs match at the same place the first listed wins, which only matters for counting
 * overlapping evidence twice.
 */
export interface SignSource {
  source: string;
  weight: number;
  /** Whose evidence the sign is (an index chosen by the caller). */
  owner: number;
}

export interface SignHit {
  owner: number;
  weight: number;
  /** The sign's position in the list it was built from: a sign counts once however often it matches. */
  sign: number;
  from: number;
  to: number;
}

/** Groups inside a sign are made non-capturing, so that group i + 1 is sign i. */
const nonCapturing = (source: string) => source.replace(/(?<!\\)((?:\\\\)*)\((?!\?)/g, '$1(?:');

export class SignScanner {
  private readonly pattern: RegExp;

  constructor(private readonly signs: readonly SignSource[]) {
    this.pattern = new RegExp(signs.map((s) => `(${nonCapturing(s.source)})`).join('|') || '(?!)', 'g');
  }

  /** Every match in `text`, in order, added to `hits`. */
  scan(text: string, hits: SignHit[] = []): SignHit[] {
    const { pattern, signs } = this;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      if (m[0] === '') {
        pattern.lastIndex++;
        continue;
      }
      const sign = m.findIndex((group, i) => i > 0 && group !== undefined) - 1;
      const s = signs[sign];
      if (s) hits.push({ owner: s.owner, weight: s.weight, sign, from: m.index, to: m.index + m[0].length });
    }
    return hits;
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const normalName = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, ' ');

/**
 * Plain names (whole words; spaces match space, hyphen or underscore) scanned with one alternation of
 * literals, which is several times faster than the same names as separate signs; a match is traced back
 * to its name by its normalised text. Hits carry sign numbers from `firstSign` on.
 */
export class NameScanner {
  private readonly pattern: RegExp;
  private readonly names = new Map<string, { owner: number; sign: number }>();

  constructor(names: ReadonlyArray<{ name: string; owner: number }>, firstSign: number) {
    for (const { name, owner } of names) {
      const key = normalName(name);
      if (!this.names.has(key)) this.names.set(key, { owner, sign: firstSign + this.names.size });
    }
    const alternatives = [...this.names.keys()]
      .sort((a, b) => b.length - a.length)
      .map((n) => escapeRegExp(n).replace(/ /g, '[\\s_-]+'));
    this.pattern = new RegExp(`(?<![\\w.-])(?:${alternatives.join('|') || '(?!)'})(?![\\w-]|\\.\\w)`, 'g');
  }

  scan(text: string, hits: SignHit[] = []): SignHit[] {
    const { pattern } = this;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const name = this.names.get(normalName(m[0]));
      if (name) hits.push({ ...name, weight: 1, from: m.index, to: m.index + m[0].length });
    }
    return hits;
  }
}
