import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

/**
 * The app subscribes to channel messages only to read the support channel's ticket threads; Slack
 * sends every message of every channel the bot is in. Those are acknowledged and dropped here, before
 * de-duplication writes a record for each of them.
 */
export function ignoreChannelChatter(supportChannelId: string | undefined): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as {
      type?: unknown;
      event?: { type?: unknown; channel_type?: unknown; channel?: unknown };
    };
    const event = body.event;
    const chatter =
      body.type === 'event_callback' &&
      event?.type === 'message' &&
      event.channel_type !== 'im' &&
      event.channel !== supportChannelId;
    if (!chatter) return args.next();
    const ack = (args as { ack?: () => Promise<void> }).ack;
    if (ack) await ack();
  };
}
