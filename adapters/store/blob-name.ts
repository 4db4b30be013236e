import { createHash } from 'node:crypto';
import { BotError } from '../../bot/errors.js';

/** Key bytes spelled out in a blob name (two hex characters each; Azure allows 1,024 characters). */
const SPELLED_BYTES = 448;
/** Metadata holding the key of a blob whose name ends in a hash (Azure allows 8 KB of metadata). */
export const KEY_METADATA = 'key';
const MAX_KEY_METADATA = 6_000;

/**
 * Store keys hold `/`, `%` and whatever ids a channel sends, and some (`a/.`) would be rewritten by
 * URL handling. Lower-case hex of the UTF-8 bytes is safe in any blob name, keeps byte order (so a
 * listing comes back in key order, as LevelDB's does) and keeps prefixes (a key's prefix encodes to a
 * prefix of its name), so list-by-prefix is a blob prefix listing. A key too long to spell out keeps
 * its first 448 bytes in hex, then `~` and a SHA-256 of the whole key, and carries itself in metadata:
 * it still lists under every prefix of up to 448 bytes, after the shorter keys it begins with.
 */
export function blobName(key: string): string {
  const bytes = Buffer.from(key, 'utf8');
  if (bytes.length <= SPELLED_BYTES) return bytes.toString('hex');
  return `${bytes.subarray(0, SPELLED_BYTES).toString('hex')}~${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Metadata a key needs beside its blob name: only a long key has any. */
export function keyMetadata(key: string): { [name: string]: string } {
  if (Buffer.byteLength(key, 'utf8') <= SPELLED_BYTES) return {};
  const value = encodeURIComponent(key);
  if (value.length > MAX_KEY_METADATA) {
    throw new BotError(
      'input.invalid',
      `store key of ${key.length} characters is too long for the shared store`,
    );
  }
  return { [KEY_METADATA]: value };
}

/** The blob prefix to list for a key prefix; callers still check each key (see keyOf) for long prefixes. */
export function blobPrefix(prefix: string): string {
  return Buffer.from(prefix, 'utf8').subarray(0, SPELLED_BYTES).toString('hex');
}

/** The key a blob holds, from its name or (for a long key) its metadata; undefined for a foreign blob. */
export function keyOf(name: string, metadata: { [name: string]: string } | undefined): string | undefined {
  if (/^(?:[0-9a-f]{2})*$/.test(name)) return Buffer.from(name, 'hex').toString('utf8');
  const stored = metadata?.[KEY_METADATA];
  if (!/^(?:[0-9a-f]{2})+~[0-9a-f]{64}$/.test(name) || stored === undefined) return undefined;
  try {
    const key = decodeURIComponent(stored);
    return blobName(key) === name ? key : undefined;
  } catch {
    return undefined;
  }
}
