import { App, type Authorize, type Receiver, SocketModeReceiver, webApi } from '@slack/bolt';
import { MAX_COMMAND_ACK_MS, type SlackConfig } from '../../bot/config/slack.js';
import type { Mount } from '../../bot/http/http-server.js';
import type { TurnHandler } from '../../bot/model.js';
import { type Clock, systemClock } from '../../bot/ports/clock.js';
import type { HomeSource } from '../../bot/ports/home.js';
import type { Logger } from '../../bot/ports/logger.js';
import type { Messenger } from '../../bot/ports/messenger.js';
import type { Store } from '../../bot/ports/store.js';
import { optional } from '../../bot/util/optional.js';
import { systemStageTimer } from '../../bot/util/slow-turn.js';
import { toBoltLogger } from './bolt-logger.js';
import { createDedupe } from './dedupe.js';
import { SlackHttpReceiver } from './http-receiver.js';
import { ignoreChannelChatter } from './ignore-channel-chatter.js';
import { createRateLimitedFetch } from './rate-limited-fetch.js';
import { registerListeners } from './register-listeners.js';
import { SlackMessenger } from './slack-messenger.js';
import { type AckDeadline, type SlowTurnTiming, timerDeadline } from './slack-turn-runner.js';
import { createUserNames } from './user-names.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackEdgeDeps {
  config: SlackConfig;
  store: Store;
  logger: Logger;
  clock?: Clock;
  /** Transport for the Web API and response_url (a proxy, or a test's); global fetch by default. */
  fetch?: webApi.FetchFunction;
  /** How rate-limit waits are waited; real timers by default. */
  sleep?: (ms: number) => Promise<void>;
  bodyLimitBytes?: number;
  /**
   * How long a slash command waits for the engine before acknowledging empty and answering through
   * its response_url instead of in the ack itself. 2 s by default, inside Slack's 3 s ack window.
   */
  commandAckMs?: number;
  /** How that wait is timed; a real timer by default (tests pass one they control). */
  ackDeadline?: AckDeadline;
  /**
   * When a turn the bot answers with its own posts shows it is working (a status on the thread) and
   * says it is slow (a message later edited into the answer); 1 s and 10 s on real timers by default.
   */
  slowTurn?: Partial<SlowTurnTiming>;
  /** SUPPORT_SLACK_CHANNEL_ID: threads there carry a ticket's relay. */
  supportChannelId?: string;
  /** SUPPORT_ONCALL_SLACK: the user (U…) or group (S…) a ticket reminder mentions. */
  oncall?: string;
}

export const DEFAULT_COMMAND_ACK_MS = 2000;
export const DEFAULT_SLOW_TURN = { statusAfterMs: 1000, noticeAfterMs: 10_000 } as const;

/** What the inbound side is given besides the engine. */
export interface ServeExtras {
  /** Published as the App Home tab when a person opens it. */
  home?: HomeSource;
}

export interface SlackEdge {
  mode: SlackConfig['mode'];
  /**
   * The inbound side, given the engine once it is built: registers the listeners and returns what
   * mounts `POST /slack/events` (events, slash commands, interactivity); nothing to mount in Socket Mode.
   */
  serve(handler: TurnHandler, extras?: ServeExtras): Mount;
  messenger: Messenger;
  /** Socket Mode connects here; over HTTP the shared server does the listening. */
  start(): Promise<void>;
  /**
   * Disconnects Socket Mode, then waits (up to `drainMs`) for turns that were acknowledged but are
   * still being answered, which the HTTP server's own drain cannot see.
   */
  stop(drainMs?: number): Promise<void>;
  /** The receiver Bolt was given, for inspection. */
  receiver: Receiver;
}

export function createSlackEdge(deps: SlackEdgeDeps): SlackEdge {
  const { config, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const log = logger.child({ channel: 'slack' });
  const boltLogger = toBoltLogger(log);
  const clientOptions: webApi.WebClientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    allowAbsoluteUrls: false,
    // 429s are retried by our fetch, which knows a rate-limited call was not carried out; anything
    // else is not retried, because the message may already have been posted.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    fetch: createRateLimitedFetch({
      logger: log,
      ...optional('fetch', deps.fetch),
      ...optional('sleep', deps.sleep),
    }),
    logger: boltLogger,
  };
  const client = new webApi.WebClient(config.botToken, clientOptions);

  const receiver: Receiver =
    config.mode === 'socket'
      ? new SocketModeReceiver({
          appToken: config.appToken,
          logger: boltLogger,
          installerOptions: { clientOptions: { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}) } },
        })
      : new SlackHttpReceiver({
          signingSecret: config.signingSecret,
          clock,
          logger: log,
          ...optional('bodyLimitBytes', deps.bodyLimitBytes),
        });

  const app = new App({
    receiver,
    authorize: cachedAuthorize(client, config.botToken),
    clientOptions,
    logger: boltLogger,
    ignoreSelf: true,
    convoStore: false,
  });
  app.use(ignoreChannelChatter(deps.supportChannelId));
  app.use(createDedupe({ store: deps.store, logger: log, clock }));
  const inFlight = new Set<Promise<void>>();
  app.error(async (error) => {
    log.error({ code: error.code, err: error.name }, 'slack.bolt.error');
  });

  const names = createUserNames({ client, logger: log, clock });
  return {
    mode: config.mode,
    receiver,
    messenger: new SlackMessenger(client, log, names, deps.oncall),
    serve(handler, extras = {}) {
      registerListeners(app, {
        handler,
        logger: log,
        inFlight,
        nameOf: names,
        slowTurn: { ...DEFAULT_SLOW_TURN, timer: systemStageTimer, ...deps.slowTurn },
        ...optional('home', extras.home),
        commandAckMs: Math.min(
          deps.commandAckMs ?? deps.config.commandAckMs ?? DEFAULT_COMMAND_ACK_MS,
          MAX_COMMAND_ACK_MS,
        ),
        ackDeadline: deps.ackDeadline ?? timerDeadline,
        ...optional('supportChannelId', deps.supportChannelId),
      });
      return (routes) => {
        if (receiver instanceof SlackHttpReceiver) routes.post(SLACK_EVENTS_PATH, receiver.handle);
      };
    },
    async start() {
      if (config.mode === 'socket') await app.start();
    },
    async stop(drainMs = 25_000) {
      if (config.mode === 'socket') await app.stop();
      if (inFlight.size === 0) return;
      log.info({ inFlight: inFlight.size }, 'slack.draining');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, drainMs);
        timer.unref();
      });
      await Promise.race([Promise.allSettled([...inFlight]), timeout]);
      clearTimeout(timer);
    },
  };
}

/**
 * The bot's own ids (for ignoring its own messages and stripping its mention) come from auth.test,
 * asked once on first use and asked again if that failed, rather than at construction, where a
 * failure would be an unhandled rejection before any event arrived.
 */
function cachedAuthorize(client: webApi.WebClient, botToken: string): Authorize<boolean> {
  let identity: Promise<{ botId?: string; botUserId?: string }> | undefined;
  return async () => {
    identity ??= client.auth.test().then(
      (result) => ({ ...optional('botId', result.bot_id), ...optional('botUserId', result.user_id) }),
      (error: unknown) => {
        identity = undefined;
        throw error;
      },
    );
    return { botToken, ...(await identity) };
  };
}
