import type { webApi } from '@slack/bolt';
import type { Clock } from '../../bot/ports/clock.js';
import type { Logger } from '../../bot/ports/logger.js';
import { LruMap } from '../../bot/util/lru-map.js';
import { realSleep } from './rate-limited-fetch.js';
import { slackErrorCode } from './slack-error-code.js';

/** The name Slack shows for a user id, or undefined when it cannot be had in time. */
export type NameOf = (userId: string) => Promise<string | undefined>;

export interface UserNamesOptions {
  client: webApi.WebClient;
  logger: Logger;
  clock: Clock;
  /** How long a name is trusted before it is asked again (people rename themselves). */
  ttlMs?: number;
  /** How long a failed lookup (missing users:read scope, Slack down) is not retried. */
  failureTtlMs?: number;
  /** How long a caller waits for a lookup before it goes on without the name; the lookup still fills the cache. */
  waitMs?: number;
  /** A wait that resolves after `ms`; real timers by default. */
  sleep?: (ms: number) => Promise<void>;
  capacity?: number;
}

type Known = { name: string | undefined; until: number };

const TOO_SLOW: unique symbol = Symbol('too slow');

/**
 * Display names for people whose Slack events carry only a user id, asked by SlackMessenger.nameOf
 * when a ticket or a relayed message needs one: the card and the relay say "Dana Reyes" instead of
 * "U07ABC123" (an id written as a mention would notify the person). From users.info (scope
 * users:read), cached per user; concurrent lookups of one user make one call, and a failure is
 * remembered for a while, logged once per spell, and costs the caller nothing but the name.
 */
export function createUserNames(options: UserNamesOptions): NameOf {
  const { client, logger, clock } = options;
  const ttlMs = options.ttlMs ?? 60 * 60 * 1000;
  const failureTtlMs = options.failureTtlMs ?? 5 * 60 * 1000;
  const waitMs = options.waitMs ?? 1000;
  const sleep = options.sleep ?? realSleep;
  const known = new LruMap<string, Known>(options.capacity ?? 5000);
  const asking = new Map<string, Promise<string | undefined>>();
  let failing = false;

  async function ask(userId: string): Promise<string | undefined> {
    try {
      const result = await client.users.info({ user: userId });
      const name = nameIn(result.user);
      known.set(userId, { name, until: clock.now().getTime() + ttlMs });
      failing = false;
      return name;
    } catch (error) {
      if (!failing) logger.warn({ code: slackErrorCode(error) }, 'slack.users.info.failed');
      failing = true;
      known.set(userId, { name: undefined, until: clock.now().getTime() + failureTtlMs });
      return undefined;
    } finally {
      asking.delete(userId);
    }
  }

  return async (userId) => {
    const cached = known.get(userId);
    if (cached && cached.until > clock.now().getTime()) return cached.name;
    let lookup = asking.get(userId);
    if (lookup === undefined) {
      lookup = ask(userId);
      asking.set(userId, lookup);
    }
    const answer = await Promise.race([lookup, sleep(waitMs).then((): typeof TOO_SLOW => TOO_SLOW)]);
    if (answer !== TOO_SLOW) return answer;
    // Too slow counts as a failure for now, so that a hung call costs one wait, not one per lookup; an
    // answer that comes later replaces the mark.
    known.set(userId, { name: undefined, until: clock.now().getTime() + failureTtlMs });
    return undefined;
  };
}

/** What Slack itself shows: the display name a person chose, else their full name, else the handle. */
function nameIn(user: webApi.UsersInfoResponse['user']): string | undefined {
  const candidates = [user?.profile?.display_name, user?.profile?.real_name, user?.real_name, user?.name];
  return candidates.map((c) => c?.trim()).find((c): c is string => c !== undefined && c !== '');
}
