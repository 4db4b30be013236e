/**
 * Folding for matching. The text arrives plain, as typed (each edge turned its channel's markup into
 * text once, bot/text/user-text.ts): nothing here removes `<…>`, which a person may have typed.
 */

/** Control characters (C0, C1) and invisible format characters (zero-width, bidi overrides). */
const controlChars = /[\p{Cc}\p{Cf}]/gu;

/** Unicode compatibility forms folded, accents removed, control and bidi characters dropped, lower case. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(controlChars, ' ')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .toLowerCase();
}

/** Longest text the matcher looks at: questions are short, and this bounds the work per turn. */
export const maxMatchChars = 2000;

export function cleanForMatching(text: string): string {
  return foldText(text.slice(0, maxMatchChars * 2)).slice(0, maxMatchChars);
}
