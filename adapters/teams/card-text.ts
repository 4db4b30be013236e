/**
 * Plain text made safe for an Adaptive Card TextBlock or Fact, whose text Teams reads as a small
 * Markdown subset: `**bold**`, `_italic_`, `- ` and `1. ` lists at the start of a line, `[title](url)`
 * links, and `<at>` mentions. Only what would form one of those is neutralised, so the text reads the
 * same on every client: Teams desktop honours backslash escapes but its mobile clients can show them
 * (AdaptiveCards issue 5590, msteams-docs issue 5793), so a backslash is used only where nothing else
 * works (emphasis markers that could pair, and a backslash that would itself escape), and everything
 * else is broken with an invisible word joiner: a list marker, `](`, `<at`, an `&entity;`, `{{` (an
 * Adaptive Card function), `://` and `www.` (no client turns a URL into a live link; our links go in
 * Action.OpenUrl buttons). `RPO (Recovery Point Objective)` stays exactly as it is.
 */
const WJ = '\u2060';

export function escapeCardText(text: string): string {
  return cleanText(text)
    .split(/(\n[^\S\n]*\n)/)
    .map((part, i) => (i % 2 === 1 ? part : paragraph(part)))
    .join('');
}

/**
 * One paragraph: two or more markers of one kind in it could pair into emphasis (a blank line ends
 * every Markdown inline), so then each is escaped; a lone one cannot, and stays as it is.
 */
function paragraph(text: string): string {
  const stars = (text.match(DELIMITER_STAR)?.length ?? 0) >= 2;
  const underscores = (text.match(DELIMITER_UNDERSCORE)?.length ?? 0) >= 2;
  let out = text.replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\');
  if (stars) out = out.replace(DELIMITER_STAR, '\\*');
  if (underscores) out = out.replace(DELIMITER_UNDERSCORE, '\\_');
  return out
    .replace(/\](?=\()/g, `]${WJ}`)
    .replace(/<(?=\/?at\b)/gi, `<${WJ}`)
    .replace(/&(?=#?\w+;)/g, `&${WJ}`)
    .replace(/\{(?=\{)/g, `{${WJ}`)
    .replace(/:\/\//g, `:${WJ}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${WJ}.`)
    .replace(LIST_MARK, `$1$2${WJ}$3`);
}

/** A star with a space (or nothing) on both sides (`5 * 3`) can neither open nor close emphasis. */
const DELIMITER_STAR = /(?<=\S)\*|\*(?=\S)/g;

/**
 * An underscore between two letters or digits (`pg_dump`) cannot open or close emphasis in CommonMark,
 * which Teams follows; any other one can.
 */
const DELIMITER_UNDERSCORE = /(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;

/**
 * A bullet (`-`, `+`, `*` and a space) or a number with `.` or `)` at the start of a line would start a
 * list; a word joiner before it makes it text. Each line is judged on its own, its indent kept.
 */
const LIST_MARK = /(^|\n)([^\S\n]*)((?:\\?[-+*]|\d{1,9}[.)])(?=[^\S\n]|$))/gm;

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
