import { type Activity, CloudAdapter, type InvokeResponse, type TurnContext } from 'botbuilder';

/**
 * CloudAdapter with its turn pipeline callable by the edge's own HTTP handler: `process` answers a
 * rejected request itself and prints its stack trace to stderr, which a bot exposed to the internet
 * cannot afford (every forged token would write one); the edge answers and logs instead.
 */
export class TeamsCloudAdapter extends CloudAdapter {
  /** Authenticates the activity (throws AuthenticationError when it fails) and runs the turn. */
  run(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}
