import { createHmac, randomBytes } from 'node:crypto';
import { isBotError } from '../../bot/errors.js';
import type { Channel } from '../../bot/model.js';
import type { Store } from '../../bot/ports/store.js';
import { pseudonymKeyDoc } from './insights-keys.js';

type KeyDoc = { key: string };

/**
 * A person as the insights keep them: the first 16 hex digits of HMAC-SHA256 over `<channel>:<user id>`
 * with a secret key, so the same person counts once and nobody can read the id back without the key.
 * The key is INSIGHTS_PSEUDONYM_KEY; without it, a random key is made once and kept in the store
 * (created if absent, so every replica uses the first one written).
 */
export class Pseudonyms {
  private key: Promise<string> | undefined;

  constructor(
    private readonly store: Store,
    private readonly configured?: string,
  ) {}

  async of(channel: Channel, userId: string): Promise<string> {
    const key = await this.secret();
    return createHmac('sha256', key).update(`${channel}:${userId}`).digest('hex').slice(0, 16);
  }

  private secret(): Promise<string> {
    if (this.configured) return Promise.resolve(this.configured);
    this.key ??= this.storedKey().catch((err: unknown) => {
      this.key = undefined;
      throw err;
    });
    return this.key;
  }

  private async storedKey(): Promise<string> {
    const kept = await this.store.read<KeyDoc>(pseudonymKeyDoc);
    if (kept) return kept.value.key;
    try {
      const made: KeyDoc = { key: randomBytes(32).toString('base64url') };
      await this.store.write(pseudonymKeyDoc, made, { ifAbsent: true });
      return made.key;
    } catch (err) {
      if (!isBotError(err, 'store.conflict')) throw err;
      const winner = await this.store.read<KeyDoc>(pseudonymKeyDoc);
      if (!winner) throw err;
      return winner.value.key;
    }
  }
}
