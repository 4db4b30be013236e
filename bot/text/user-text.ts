import { stripMarkup } from '../../knowledge/clean-text.js';

/** Longest message the bot reads; longer ones get a polite refusal instead of being cut silently. */
export const maxTurnChars = 4000;

/**
 * What a user typed, made safe to keep: channel markup removed, control and invisible format
 * characters dropped (line breaks kept), white space collapsed.
 */
export function cleanUserText(text: string): string {
  return stripMarkup(text)
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\n\t]|\p{Cf}/gu, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
