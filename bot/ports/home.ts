import type { Address, Reply, User } from '../model.js';

/**
 * A person's home with the bot, channel-neutral: what it can do, the most asked topics as buttons, the
 * person's own open tickets and running restores, and which features this deployment has on. Slack
 * publishes it as the App Home tab, Teams shows it as the personal chat's welcome and "help" card.
 */
export interface HomeSource {
  homeFor(who: { user: User; address: Address }): Promise<Reply>;
}
