/**
 * Plain text made safe for an Adaptive Card TextBlock or Fact, whose text Teams reads as Markdown.
 * Every character Markdown gives a meaning is backslash-escaped, so `**x**`, `[x](y)`, `<at>x</at>`,
 * lists and headings all show literally; `{{` cannot start a DATE/TIME function; and `://` and `www.`
 * get a word joiner so no client turns a URL into a live link (our links go in Action.OpenUrl buttons).
 */
const MARKDOWN = /[\\`*_~[\](){}<>#|&!]/g;
const WORD_JOINER = '\u2060';

export function escapeCardText(text: string): string {
  return cleanText(text)
    .replace(MARKDOWN, '\\$&')
    .replace(/:\/\//g, `:${WORD_JOINER}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${WORD_JOINER}.`)
    .replace(LIST_MARK, '$1$2\\$3')
    .replace(NUMBERED, '$1$2\\$3');
}

/**
 * A list item or numbered line at the start of a line would become a list. A line starts the text or
 * follows a newline, and its leading space never crosses a newline, so each line is judged on its own.
 */
const LIST_MARK = /(^|\n)([^\S\n]*)([-+=])/g;
const NUMBERED = /(^|\n)([^\S\n]*\d+)([.)])/g;

/** No control characters (they can break rendering) except newlines; tabs become spaces. */
export function cleanText(text: string): string {
  const lines = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const spaced = lines.includes('\t') ? lines.replace(/\t/g, ' ') : lines;
  if (!INVISIBLE.test(spaced)) return spaced;
  let out = '';
  for (const ch of spaced) {
    if (!isInvisibleControl(ch.codePointAt(0) ?? 0)) out += ch;
  }
  return out;
}

/** Any character `isInvisibleControl` drops; most text has none and is returned as it is. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose
const INVISIBLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** C0/C1 controls (but newline) and the bidirectional overrides that can disguise text. */
function isInvisibleControl(code: number): boolean {
  if (code === 0x0a) return false;
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** Button titles and plain fields are not Markdown, but are cleaned and bounded. */
export function plainLabel(text: string, max = 80): string {
  const clean = cleanText(text).replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
