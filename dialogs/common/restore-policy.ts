import { listsUser } from '../../bot/config/user-list.js';
import type { Turn } from '../../bot/model.js';

/** The restore safety switches, as parsed from RESTORE_ENABLED and RESTORE_ALLOWED_USERS. */
export interface RestorePolicy {
  /** The kill switch: no PUT is ever sent unless this is true. */
  enabled: boolean;
  /** `slack:<user id>` / `teams:<Entra object id>`, parsed. */
  allowedUsers: ReadonlyArray<{ channel: string; id: string }>;
}

/** Matches the turn's channel and immutable user id (Entra object ids compare case-insensitively). */
export function isAllowedUser(policy: RestorePolicy, turn: Turn): boolean {
  return listsUser(policy.allowedUsers, turn.address.channel, turn.user.id);
}
