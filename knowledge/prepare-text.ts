import { foldText } from './clean-text.js';
import { maxReadChars } from './read-message.js';

/**
 * Splits identifiers written in camel case into their words before the text is folded to lower case:
 * `PointInTimeRestore` → `Point In Time Restore`, `UserErrorMSIMissingPermission` → `User Error MSI
 * Missing Permission`, `createMode` → `create Mode`. Product names with a capital run (`PostgreSQL`,
 * `MySQL`, `CosmosDB`) stay whole: a split needs a lower-case letter on both sides of the capital, or a
 * capital run followed by a word.
 */
export function splitCamelCase(text: string): string {
  return text.replace(/([a-z])(?=[A-Z][a-z])/g, '$1 ').replace(/([A-Z]{2,})(?=[A-Z][a-z]{2,})/g, '$1 ');
}

/**
 * What the matcher reads of a message: at most maxReadChars characters, identifiers split, unicode
 * folded, lower case. Nothing shaped like markup is removed: the edges turn channel markup into text
 * before the engine sees it, so `<timestamp>` or `a < b > c` is what the person typed.
 */
export function prepareText(text: string): string {
  return fold(splitCamelCase(text.slice(0, maxReadChars)));
}

const printableAscii = /^[\x20-\x7e\n\r\t]*$/;

/**
 * foldText, with a short cut for plain ASCII (most messages, and every pasted log): there is nothing to
 * decompose or straighten, only line breaks and tabs to blank (foldText blanks every control character)
 * and letters to lower. The result is the same; the work and the garbage of a 4,000-character post are not.
 */
export function fold(text: string): string {
  return printableAscii.test(text) ? text.replace(/[\n\r\t]/g, ' ').toLowerCase() : foldText(text);
}
