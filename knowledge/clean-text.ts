/**
 * Channel-neutral clean-up of what a user typed: unicode, leftover Teams/Slack markup, control
 * characters. Pure and cheap; used before matching and before a text is stored.
 */

/** Control characters (C0, C1) and invisible format characters (zero-width, bidi overrides). */
const controlChars = /[\p{Cc}\p{Cf}]/gu;

/** Removes markup a channel may have left in a message, keeping the words a person would read. */
export function stripMarkup(text: string): string {
  return (
    text
      // Slack: <@U123>, <!channel>, <#C1|name>, <http://x|label>, <http://x>
      .replace(/<[@!#][^>]*>/g, ' ')
      .replace(/<(?:https?|mailto):[^|>]*\|([^>]*)>/g, '$1')
      .replace(/<(?:https?|mailto):[^>]*>/g, ' ')
      // Teams: <at>Name</at> (mentions left in text), any HTML tag
      .replace(/<at>[^<]*<\/at>/gi, ' ')
      .replace(/<\/?[a-z][^>]*>/gi, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
  );
}

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
  return foldText(stripMarkup(text.slice(0, maxMatchChars * 2))).slice(0, maxMatchChars);
}
