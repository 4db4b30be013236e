import { LruMap } from '../../bot/util/lru-map.js';

/**
 * Clients made once and used for every turn after: botbuilder builds a new Bot Connector client (and a
 * user-token client), each with its own HTTP pipeline, for every activity it receives, although they
 * hold nothing of the turn. At most `capacity` are kept (one per app id, serviceUrl and audience; Teams
 * uses a handful of serviceUrls), the least recently used leaving first; a client that failed to be
 * made is not kept.
 */
export class ClientCache<T> {
  private readonly clients: LruMap<string, Promise<T>>;

  constructor(capacity = 64) {
    this.clients = new LruMap(capacity);
  }

  get(key: string, make: () => Promise<T>): Promise<T> {
    const held = this.clients.get(key);
    if (held) return held;
    const made = make();
    this.clients.set(key, made);
    made.catch(() => {
      if (this.clients.get(key) === made) this.clients.delete(key);
    });
    return made;
  }
}
