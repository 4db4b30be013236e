import type { App, types } from '@slack/bolt';
import type { Reply } from '../../bot/model.js';
import { renderReply } from './render-blocks.js';
import { slackErrorCode } from './slack-error-code.js';
import type { ListenerDeps } from './slack-turn-runner.js';
import { threadAddress } from './to-turn.js';

/** A Home tab holds at most 100 blocks. */
const MAX_HOME_BLOCKS = 100;

/**
 * The Home tab as Slack publishes it: the home reply's blocks, and the person's DM with the bot in the
 * metadata, so that a button clicked there (a most-asked topic) is answered in that DM (to-turn.ts).
 */
export function homeView(reply: Reply, dmChannel: string): types.HomeView {
  return {
    type: 'home',
    blocks: renderReply(reply).blocks.slice(0, MAX_HOME_BLOCKS),
    private_metadata: JSON.stringify({ dm: dmChannel }),
  };
}

/**
 * `app_home_opened` on the Home tab: the person's home, built afresh each time they open it (their
 * tickets and restores change), published with views.publish (no scope beyond the bot token).
 */
export function registerAppHome(app: App, deps: ListenerDeps): void {
  const home = deps.home;
  if (!home) return;
  app.event('app_home_opened', async ({ event, client, context }) => {
    if (event.tab !== 'home') return;
    const log = deps.logger.child({ channel: 'slack' });
    const work = async () => {
      const address = threadAddress(event.channel, undefined, { teamId: context.teamId, userId: event.user });
      const reply = await home.homeFor({ user: { id: event.user }, address });
      await client.views.publish({ user_id: event.user, view: homeView(reply, event.channel) });
      log.info({}, 'slack.home.published');
    };
    await work().catch((error: unknown) => log.error({ code: slackErrorCode(error) }, 'slack.home.failed'));
  });
}
