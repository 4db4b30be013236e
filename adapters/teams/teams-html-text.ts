import { Parser } from 'htmlparser2';
import { plainUserText } from '../../bot/text/user-text.js';

/** Elements that end a line of text where they open or close. */
const BREAKS = new Set([
  'br',
  'p',
  'div',
  'li',
  'tr',
  'pre',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);
/** Elements whose content is not text a person wrote. */
const SKIPPED = new Set(['script', 'style', 'img', 'attachment']);

/**
 * A Teams message body as Teams sends it in a message action's `messagePayload` (`contentType: html`)
 * → plain text, once, at the edge: tags dropped (a mention `<at>` keeps the name, `<code>` and `<pre>`
 * keep what they hold word for word), blocks and `<br>` as line breaks, entities decoded by the parser
 * (`&lt;pg-orders&gt;` becomes `<pg-orders>`), then the one user-text rule; and the same without its
 * code blocks (`<pre>`), the prose. A `text` body is taken as is.
 */
export function teamsBodyText(body: { contentType?: unknown; content?: unknown } | undefined): {
  text: string;
  prose: string;
} {
  const content = typeof body?.content === 'string' ? body.content : '';
  if (body?.contentType !== 'html') return { text: plainUserText(content), prose: plainUserText(content) };
  let text = '';
  let prose = '';
  let skipping = 0;
  let code = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipping++;
        if (name === 'pre') code++;
        if (BREAKS.has(name)) {
          text += '\n';
          prose += '\n';
        }
      },
      ontext(data) {
        if (skipping > 0) return;
        text += data;
        if (code === 0) prose += data;
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        if (name === 'pre') code = Math.max(0, code - 1);
        if (BREAKS.has(name) && name !== 'br') {
          text += '\n';
          prose += '\n';
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(content);
  parser.end();
  const plain = (t: string) => plainUserText(t.replace(/\u00a0/g, ' '));
  return { text: plain(text), prose: plain(prose) };
}
