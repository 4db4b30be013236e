import fc from 'fast-check';

/** Hosts only the fuzzer writes: a live link to one of them in anything the bot sent came from user text. */
export const EVIL_HOSTS = ['evil.example', 'attacker.test', 'xn--micrsoft-p0a.com', 'ⅼearn.microsоft.com'];

/** Markup that would notify people or make a link if it reached Slack or Teams live. */
export const INJECTIONS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!channel|channel>',
  '<!subteam^S0EVIL01|@oncall>',
  '<@U0EVIL123>',
  '<@W0EVIL123|admin>',
  '<#C0EVIL|general>',
  '<https://evil.example/login|https://learn.microsoft.com>',
  '<http://attacker.test>',
  '<mailto:boss@evil.example|boss>',
  '&lt;!channel&gt;',
  '&amp;lt;!here&amp;gt;',
  '<<!channel>>',
  '<\u200b!channel>',
  '＜!channel＞',
  '@channel',
  '@here',
  '@everyone',
  '<at>Everyone</at>',
  '<at id="0">Alice Martin</at>',
  '<at>GeoRestore Bot</at>',
  '[the docs](https://evil.example/phish)',
  '![x](https://evil.example/pixel.png)',
  '[https://learn.microsoft.com](https://attacker.test)',
  'https://evil.example/reset',
  'www.evil.example',
  'https://xn--micrsoft-p0a.com/',
  'https://ⅼearn.microsоft.com/azure',
  'ｈｔｔｐｓ://evil.example',
  '**urgent** _now_ ~gone~ `code`',
  '# heading\n- item\n1. first',
  '{{DATE(2026-01-10T06:08:39Z,SHORT)}}',
  '<script>alert(1)</script>',
  '"}]},{"type":"section","text":{"type":"mrkdwn","text":"<!channel>"}',
  '\\<!channel\\>',
  'restore pg-orders <!channel>',
  'check <@U0EVIL123>',
  '\u202egnp.exe',
  'ａｄｍｉｎ',
  'pg‐orders',
];

/** Questions a user really asks, so hostile pieces travel through the matcher and the dialogs. */
export const QUESTIONS = [
  'what is geo-redundant backup?',
  'how long does a geo restore take',
  'restore pg-orders',
  'check pg-orders',
  'help',
  'cancel',
  'talk to a person',
  'start over',
  'can I enable geo backup later?',
  'what is the RPO of a geo restore?',
];

const control = fc
  .array(fc.integer({ min: 0, max: 0x9f }), { minLength: 1, maxLength: 6 })
  .map((codes) => String.fromCharCode(...codes.map((c) => (c >= 0x20 && c < 0x7f ? c - 0x20 : c))));

const confusable = fc
  .array(
    fc.constantFrom('а', 'е', 'о', 'р', 'с', 'ⅼ', 'ı', 'Ꭰ', '\u200b', '\u200d', '\u2060', '\ufeff', '\u00a0'),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((parts) => `pg-${parts.join('')}orders`);

/** A piece of hostile text: markup, controls, confusables, any unicode (lone surrogates included). */
export const hostilePiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 3, arbitrary: fc.constantFrom(...QUESTIONS) },
  { weight: 1, arbitrary: control },
  { weight: 1, arbitrary: confusable },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);

/** What a hostile user types: a few pieces joined by spaces, sometimes long. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 20, arbitrary: fc.array(hostilePiece, { minLength: 1, maxLength: 6 }).map((p) => p.join(' ')) },
  { weight: 1, arbitrary: fc.constantFrom(...INJECTIONS).map((s) => s.repeat(400)) },
);

/** Button values: JSON of any shape, strings that are not JSON, and huge ones. */
export const hostileValue: fc.Arbitrary<string> = fc.oneof(
  fc.json({ maxDepth: 3 }),
  hostileText,
  fc.constantFrom('{', '"', '[1,', 'null', '{"nonce":"x","hash":"y"}', '{"entry":"../../etc/passwd"}'),
  fc.integer({ min: 2_001, max: 60_000 }).map((n) => JSON.stringify('x'.repeat(n))),
);

/** Action ids of ours with odd values, ids we never issue, and ids past Slack's limits. */
export const hostileActionId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'faq.show',
    'faq.pick',
    'faq.none',
    'faq.feedback',
    'human.request',
    'help',
    'cancel',
    'start-over',
    'restore.confirm',
    'restore.name',
    'restore.group',
  ),
  fc.string({ unit: 'grapheme-ascii', maxLength: 30 }),
  hostilePiece,
  fc.integer({ min: 256, max: 5000 }).map((n) => 'a'.repeat(n)),
);

/** Whether `text` is JSON at all (a generated "invalid JSON" body must not be). */
export function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
