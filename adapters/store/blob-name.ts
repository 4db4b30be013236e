import { BotError } from '../../bot/errors.js';

/** Azure allows 1,024 characters in a blob name; hex spends two per byte of the key. */
export const MAX_KEY_BYTES = 512;

/**
 * Store keys hold `/`, `%` and whatever ids a channel sends, and some (`a/.`) would be rewritten by
 * URL handling. Lower-case hex of the UTF-8 bytes is safe in any blob name, keeps byte order (so a
 * listing comes back in key order, as LevelDB's does) and keeps prefixes (a key's prefix encodes to
 * a prefix of its name), so list-by-prefix is a blob prefix listing.
 */
export function blobName(key: string): string {
  const bytes = Buffer.from(key, 'utf8');
  if (bytes.length > MAX_KEY_BYTES) {
    throw new BotError(
      'input.invalid',
      `store key of ${bytes.length} bytes is longer than the shared store allows (${MAX_KEY_BYTES})`,
    );
  }
  return bytes.toString('hex');
}

/** The prefix to list: like blobName, but a prefix longer than any key simply matches nothing. */
export function blobPrefix(prefix: string): string {
  return Buffer.from(prefix, 'utf8').toString('hex');
}

export function keyOf(name: string): string | undefined {
  if (!/^(?:[0-9a-f]{2})*$/.test(name)) return undefined;
  return Buffer.from(name, 'hex').toString('utf8');
}
