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
    .replace(MARKDOWN, (c) => `\\${c}`)
    .replace(/:\/\//g, `:${WORD_JOINER}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${WORD_JOINER}.`)
    .split('\n')
    .map(escapeLineStart)
    .join('\n');
}

/** A list item or numbered line at the start of a line would become a list. */
function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)([-+=])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** No control characters (they can break rendering) except newlines; tabs become spaces. */
export function cleanText(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ')) {
    if (!isInvisibleControl(ch.codePointAt(0) ?? 0)) out += ch;
  }
  return out;
}

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
