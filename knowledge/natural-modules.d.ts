// natural ships types only for its package root, which we must not import (it loads database drivers).
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const stemmer: { stem(word: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  export function DamerauLevenshteinDistance(
    a: string,
    b: string,
    options?: { transposition_cost?: number },
  ): number;
}
declare module 'natural/lib/natural/tokenizers/regexp_tokenizer.js' {
  export class RegexpTokenizer {
    constructor(options: { pattern: RegExp });
    tokenize(text: string): string[];
  }
}
