import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity } from 'botbuilder';
// Not re-exported by botbuilder's index; the same check and date parsing CloudAdapter.process applies.
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator.js';
import { AuthenticationError, type ServiceClientCredentialsFactory } from 'botframework-connector';
import { LOCAL_MODE_WARNING, type TeamsConfig } from '../../bot/config/teams.js';
import { readJsonBody, sendJson } from '../../bot/http/http-body.js';
import type { Mount } from '../../bot/http/http-server.js';
import type { Reply, TurnHandler } from '../../bot/model.js';
import type { Ids } from '../../bot/ports/clock.js';
import type { HomeSource } from '../../bot/ports/home.js';
import type { Logger } from '../../bot/ports/logger.js';
import type { Messenger } from '../../bot/ports/messenger.js';
import type { Store } from '../../bot/ports/store.js';
import { type StageTimer, systemStageTimer } from '../../bot/util/slow-turn.js';
import { TeamsAgentHub } from './agent-hub.js';
import { type AuthEndpoints, BotAuthentication, isLoopbackUrl } from './bot-authentication.js';
import { CardLedger } from './card-ledger.js';
import { CardSender } from './card-sender.js';
import { defaultRetry, type RetryPolicy, statusOf } from './connector-retry.js';
import { keepEntityFields } from './entity-fields.js';
import { type OnCallMention, renderCard } from './render-card.js';
import { TeamsCloudAdapter } from './teams-cloud-adapter.js';
import { createTeamsLogic } from './teams-logic.js';
import { TeamsMessenger } from './teams-messenger.js';
import type { TypingTimer } from './typing.js';

export interface TeamsEdgeOptions {
  config: TeamsConfig;
  /** Keeps cards with buttons, so a click acts once. */
  store: Store;
  logger: Logger;
  ids?: Ids;
  retry?: Partial<RetryPolicy>;
  typingDelayMs?: number;
  typingEveryMs?: number;
  /** Wall-clock timers unless a test injects its own. */
  typingTimer?: TypingTimer;
  /**
   * Native Teams 👍/👎 (message/submitAction) instead of the card's own feedback buttons; the
   * configuration's TEAMS_FEEDBACK_LOOP (on unless set to false) when not given.
   */
  feedbackLoop?: boolean;
  /** A slow turn says so in a message, later edited into the answer, after this long (10 s by default). */
  noticeAfterMs?: number;
  /** The timer of that message; wall-clock unless a test injects its own. */
  stageTimer?: StageTimer;
  /** Largest activity accepted, in bytes (256 KB by default). */
  bodyLimitBytes?: number;
  authEndpoints?: AuthEndpoints;
  /** Outbound tokens for the Bot Connector; from the app registration unless a test signs its own. */
  credentials?: ServiceClientCredentialsFactory;
  /** SUPPORT_ONCALL_TEAMS: mentioned by a ticket reminder. */
  oncall?: OnCallMention;
  /** SUPPORT_TEAMS_CHANNEL_ID: its threads are read without an @mention, where Teams delivers them (RSC). */
  supportChannelId?: string;
}

export interface TeamsEdge {
  /**
   * The inbound side, given the engine once it is built: what adds `POST /api/messages` to the shared
   * HTTP server. The outbound side (messenger, agent hub) exists before, for the features built first.
   */
  serve(handler: TurnHandler, extras?: { home?: HomeSource }): Mount;
  messenger: Messenger;
  /** Sends `handoff.initiate` for hosts with an agent desk (SUPPORT_TEAMS_AGENT_HUB). */
  agentHub: TeamsAgentHub;
}

export const TEAMS_PATH = '/api/messages';

/** Everything Teams needs, built from its config: the messenger for the features, then `serve(engine)`. */
export function createTeamsEdge(options: TeamsEdgeOptions): TeamsEdge {
  const { config } = options;
  const log = options.logger.child({ component: 'teams' });
  keepEntityFields();
  if (config.mode === 'local') log.warn({ mode: 'local' }, LOCAL_MODE_WARNING);
  const adapter = new TeamsCloudAdapter(
    new BotAuthentication(config, log, options.authEndpoints, options.credentials),
  );
  adapter.onTurnError = async (_context, err) => {
    log.error({ err }, 'teams.turn.unhandled');
  };
  const render = (reply: Reply, cardId: string) => renderCard(reply, cardId, options.oncall);
  const ledger = new CardLedger(options.store, render);
  const retry = { ...defaultRetry, ...options.retry };
  const sender = new CardSender({
    ledger,
    ids: options.ids ?? { next: randomUUID },
    retry,
    log,
    feedbackLoop: options.feedbackLoop ?? config.feedbackLoop ?? true,
    render,
  });
  const messenger = new TeamsMessenger(adapter, config, sender);
  const logicFor = (handler: TurnHandler, home: HomeSource | undefined) =>
    createTeamsLogic({
      handler,
      sender,
      ledger,
      log,
      messenger,
      noticeAfterMs: options.noticeAfterMs ?? 10_000,
      stageTimer: options.stageTimer ?? systemStageTimer,
      ...(home ? { home } : {}),
      typingDelayMs: options.typingDelayMs ?? 800,
      typingEveryMs: options.typingEveryMs ?? 3000,
      ...(options.typingTimer ? { typingTimer: options.typingTimer } : {}),
      ...(options.supportChannelId ? { supportChannelId: options.supportChannelId } : {}),
    });

  const bodyLimit = options.bodyLimitBytes ?? 256 * 1024;
  const route = async (logic: ReturnType<typeof logicFor>, req: IncomingMessage, res: ServerResponse) => {
    const read = await readJsonBody(req, bodyLimit);
    if ('status' in read) {
      log.warn({ status: read.status, reason: read.error }, 'teams.request.rejected');
      sendJson(res, read.status, { error: read.error });
      return;
    }
    const { body } = read;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      sendJson(res, 400, { error: 'expected a JSON activity' });
      return;
    }
    const serviceUrl = (body as { serviceUrl?: unknown }).serviceUrl;
    if (config.mode === 'local' && !isLoopbackUrl(serviceUrl)) {
      log.warn({}, 'teams.request.nonLoopbackServiceUrl');
      sendJson(res, 403, {
        error: 'local development mode answers only activities with a loopback serviceUrl',
      });
      return;
    }
    if (config.mode === 'authenticated' && !req.headers.authorization) {
      log.warn({}, 'teams.request.unauthenticated');
      sendJson(res, 401, { error: 'missing Authorization header' });
      return;
    }
    let activity: Activity;
    try {
      activity = validateAndFixActivity(body as Activity);
    } catch {
      log.warn({}, 'teams.request.invalidActivity');
      sendJson(res, 400, { error: 'not a valid activity' });
      return;
    }
    // What CloudAdapter.process does around processActivity, answered and logged here: it prints
    // every rejected request's stack trace to stderr and answers a forged token with its error text.
    try {
      const invoke = await adapter.run(req.headers.authorization ?? '', activity, logic);
      sendJson(res, invoke?.status ?? 200, invoke?.body);
    } catch (err) {
      if (err instanceof AuthenticationError || statusOf(err) === 401) {
        log.warn({ reason: (err as Error).message }, 'teams.request.unauthorized');
        sendJson(res, 401, { error: 'unauthorized' });
        return;
      }
      log.error({ err }, 'teams.request.failed');
      sendJson(res, 500, { error: 'internal error' });
    }
  };

  return {
    serve(handler, extras = {}) {
      const logic = logicFor(handler, extras.home);
      return (routes) =>
        routes.post(TEAMS_PATH, (req, res) => {
          route(logic, req, res).catch((err: unknown) => {
            log.error({ err }, 'teams.request.failed');
            sendJson(res, 500, { error: 'internal error' });
          });
        });
    },
    messenger,
    agentHub: new TeamsAgentHub(adapter, config, log),
  };
}
