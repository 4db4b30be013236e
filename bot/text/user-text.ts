/**
 * What a user typed, as every edge hands it to the engine. Each channel turns its own markup into
 * plain text (Slack's `<@U1>` and `&lt;`, Teams' `<at>` and entities) and then applies this one rule;
 * the engine receives plain text and never cleans it again, so `<timestamp>` or `a < b > c` reach the
 * matcher and a ticket's transcript as typed.
 */

/** Longest message the bot reads. Longer ones are refused politely by the engine, on every channel alike. */
export const maxTurnChars = 4000;

/**
 * The one control-character rule: Unicode NFC, line breaks as `\n`, control characters (C0, C1 but tab
 * and newline) and invisible format characters (zero-width, bidi overrides) dropped, runs of spaces and
 * tabs made one space, at most one empty line in a row, no white space at either end. Never truncates:
 * the length policy is the engine's (`maxTurnChars`).
 */
export function plainUserText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\n\t]|\p{Cf}/gu, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
