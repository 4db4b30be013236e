/**
 * The parts of `natural` the matcher uses, imported one by one: the package root loads database
 * drivers and prints dotenv banners to stdout.
 */
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';
import porterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { RegexpTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';

export const stem = (word: string): string => porterStemmer.stem(word);

export const editDistance = (a: string, b: string): number =>
  DamerauLevenshteinDistance(a, b, { transposition_cost: 1 });

const tokenizer = new RegexpTokenizer({ pattern: /[^a-z0-9]+/ });
/** Splits folded text on anything that is not a letter or digit. */
export const words = (text: string): string[] => tokenizer.tokenize(text);
