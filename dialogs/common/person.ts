import type { Turn } from '../../bot/model.js';
import type { Person } from '../../bot/ports/escalations.js';

/** Who wrote a turn, as tickets and approvals record people. */
export const personOf = (turn: Turn): Person => ({
  channel: turn.address.channel,
  id: turn.user.id,
  ...(turn.user.displayName ? { name: turn.user.displayName } : {}),
});
