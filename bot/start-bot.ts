import type { AddressInfo } from 'node:net';
import { createSlackEdge, type SlackEdgeDeps } from '../adapters/slack/create-slack-edge.js';
import { createTeamsEdge, type TeamsEdgeOptions } from '../adapters/teams/create-teams-edge.js';
import { readTicket } from '../dialogs/handoff/index.js';
import { createHome } from '../dialogs/home/index.js';
import { escalateFailedRestore, RestoreRunner } from '../dialogs/restore/index.js';
import { StoreRecorder } from '../insights/record/store-recorder.js';
import { InsightsReader } from '../insights/report/insights-reader.js';
import { mostAskedTopics } from '../insights/report/most-asked.js';
import { InsightsAuth } from '../insights/web/insights-auth.js';
import { insightsRoutes } from '../insights/web/insights-routes.js';
import type { Matcher } from '../knowledge/matcher.js';
import { buildCore, type Core } from './build-core.js';
import { ChannelMessenger } from './channel-messenger.js';
import { createHandoff, type Handoff, handoffDialogs } from './create-handoff.js';
import { housekeeping } from './housekeeping.js';
import { createHttpServer, type HttpServer, type Mount } from './http/http-server.js';
import { Leases } from './leases/leases.js';
import { liveAzureDialogs } from './live-azure.js';
import type { BotConfig } from './load-config.js';
import type { TurnHandler } from './model.js';
import { openStore } from './open-store.js';
import { type Clock, type Ids, systemClock } from './ports/clock.js';
import type { Logger } from './ports/logger.js';
import type { PostgresOps } from './ports/postgres-ops.js';
import { type Scheduler, timerScheduler } from './ports/scheduler.js';
import type { Store } from './ports/store.js';
import { uuidIds } from './ports/uuid-ids.js';

export interface StartBotDeps {
  logger: Logger;
  clock?: Clock;
  ids?: Ids;
  /** Defaults to the configured one (STORE): the embedded database under DATA_DIR, or Blob Storage. */
  store?: Store;
  /** Defaults to the real Azure clients when Azure is configured. */
  ops?: PostgresOps;
  teams?: Partial<TeamsEdgeOptions>;
  slack?: Partial<SlackEdgeDeps>;
  /** Overrides the configured port (0 picks a free one, for tests). */
  port?: number;
  /** The restore runner's timers (and the waits between attempts to reach the store); real timers by default. */
  scheduler?: Scheduler;
  /** Timers for lease renewals and adoption scans; real timers by default (not `scheduler`). */
  leaseScheduler?: Scheduler;
  /** The ticket reminders' timers; real timers by default. */
  reminderScheduler?: Scheduler;
  /** A matcher built earlier (tests share one); built from the knowledge base otherwise. */
  matcher?: Matcher;
  /** What the Slack edge serves instead of the engine (bench:load measures the edge with one that answers nothing). */
  slackHandler?: TurnHandler;
}

export interface RunningBot {
  address: AddressInfo;
  core: Core;
  /** This replica's leases on background work (its holder id and TTL), for every kind of such work. */
  leases: Leases;
  server: HttpServer;
  /** Tickets and their reminders, when a support channel is configured. */
  handoff?: Handoff;
  /** What each turn and ticket adds to the insights. */
  insights: StoreRecorder;
  /** The hourly housekeeping and sweep, now (tests; the timer runs it on its own). */
  sweep(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Builds everything from the configuration and serves it: the one place that wires adapters to the
 * engine. Built in one direction: the store and each channel's outbound side (its messenger), then the
 * features that send through them (tickets, restores), then the engine over those features, and last
 * each channel's inbound side, given the engine.
 */
/** The period of the home's "most asked" topics. */
const mostAskedDays = 30;

export async function startBot(config: BotConfig, deps: StartBotDeps): Promise<RunningBot> {
  const { logger } = deps;
  const clock = deps.clock ?? systemClock;
  const ids = deps.ids ?? uuidIds;
  const injected = deps.store;
  const opened = injected
    ? { store: injected, connect: async () => {}, close: () => injected.close() }
    : await openStore(config, { clock, logger, scheduler: deps.scheduler ?? timerScheduler });
  const store = opened.store;
  const retention = {
    conversationMs: config.insights.conversationRetentionMs,
    feedbackMs: config.insights.retentionMs,
  };
  const insights = new StoreRecorder({
    store,
    ids,
    retentionMs: config.insights.retentionMs,
    ...(config.insights.pseudonymKey ? { pseudonymKey: config.insights.pseudonymKey } : {}),
    now: () => clock.now(),
  });

  const messenger = new ChannelMessenger();
  const teams = createTeamsEdge({
    config: config.teams,
    store,
    logger,
    ids,
    ...(config.support?.oncall.teams ? { oncall: config.support.oncall.teams } : {}),
    ...(config.support?.teams ? { supportChannelId: config.support.teams.channelId } : {}),
    ...deps.teams,
  });
  messenger.register('teams', teams.messenger);
  const slack = config.slack
    ? createSlackEdge({
        config: config.slack,
        store,
        logger,
        clock,
        ...(config.support?.slackChannelId ? { supportChannelId: config.support.slackChannelId } : {}),
        ...(config.support?.oncall.slack ? { oncall: config.support.oncall.slack } : {}),
        ...deps.slack,
      })
    : undefined;
  if (slack) messenger.register('slack', slack.messenger);

  const leases = new Leases({ store, clock, holder: ids.next(), ttlMs: config.core.leaseTtlMs });
  const handoff: Handoff | undefined = config.support
    ? createHandoff({
        support: config.support,
        slackOn: slack !== undefined,
        store,
        messenger,
        clock,
        ids,
        logger,
        scheduler: deps.reminderScheduler ?? timerScheduler,
        recorder: insights,
        ...(config.support.teamsAgentHub ? { onOpened: (ticket) => teams.agentHub.initiate(ticket) } : {}),
      })
    : undefined;
  // The Azure SDKs are loaded only when Azure is configured: they are a fifth of the process's memory.
  const ops =
    deps.ops ??
    (config.azure.config
      ? (await import('../adapters/azure/azure-postgres-ops.js')).azurePostgresOpsFromConfig(
          config.azure.config,
        )
      : undefined);
  if (!ops)
    logger.warn({}, 'azure.notConfigured: live checks and restores are off (set AZURE_SUBSCRIPTION_ID)');
  const runner = ops
    ? new RestoreRunner({
        ops,
        store,
        messenger,
        clock,
        ids,
        logger,
        leases,
        ...(handoff ? { onFailed: escalateFailedRestore(handoff.tickets) } : {}),
        // Another replica's restores are taken over within about 1.5 lease TTLs of its death.
        adoptEveryMs: config.core.leaseTtlMs / 2,
        leaseScheduler: deps.leaseScheduler ?? timerScheduler,
        ...(deps.scheduler ? { scheduler: deps.scheduler } : {}),
      })
    : undefined;
  const restore = ops && runner ? { policy: config.azure.restore, runner } : undefined;
  const dialogs = [
    ...(ops && runner
      ? liveAzureDialogs({
          ops,
          restore: config.azure.restore,
          runner,
          ...(handoff ? { approvals: handoff.tickets } : {}),
        })
      : []),
    ...(handoff ? handoffDialogs(handoff, restore) : []),
  ];
  const core = buildCore({
    store,
    clock,
    ids,
    logger,
    dialogs,
    recorder: insights,
    retention,
    ...(handoff ? { gate: handoff.gate } : {}),
    ...(deps.matcher ? { matcher: deps.matcher } : {}),
  });

  const token = config.insights.token;
  const page = token
    ? insightsRoutes({
        auth: new InsightsAuth(token, () => clock.now()),
        reader: new InsightsReader({
          store,
          clock,
          knowledge: core.matcher,
          readTicket: (id) => readTicket(store, id),
        }),
        logger,
      })
    : undefined;
  const home = createHome({
    kb: core.matcher,
    store,
    mostAsked: (n) => mostAskedTopics(store, clock.now(), mostAskedDays, n),
    features: {
      liveChecks: ops !== undefined,
      restores: restore !== undefined && config.azure.restore.enabled,
      support: handoff !== undefined,
      channels: ['Teams', ...(slack ? ['Slack'] : [])],
    },
  });
  const mounts: Mount[] = [
    teams.serve(core.engine, { home }),
    ...(slack ? [slack.serve(deps.slackHandler ?? core.engine, { home })] : []),
    ...(page ? [page] : []),
  ];
  let ready = false;
  const server = createHttpServer({ logger, mounts, ready: () => ready });
  const address = await server.listen(deps.port ?? config.teams.port, config.teams.host);
  const beforeSweep = housekeeping({
    store,
    clock,
    logger,
    conversationTtlMs: retention.conversationMs,
    retentionMs: config.insights.retentionMs,
  });
  await opened.connect(beforeSweep);
  await slack?.start();
  const resumed = (await runner?.start()) ?? 0;
  handoff?.reminders.start();
  ready = true;
  logger.info(
    {
      port: address.port,
      host: address.address,
      slack: config.slack?.mode ?? 'off',
      store: deps.store ? 'injected' : config.store.kind,
      azure: Boolean(ops),
      insights: page ? 'on' : 'off',
      resumed,
      holder: leases.holder,
    },
    'bot.started',
  );

  return {
    address,
    core,
    leases,
    server,
    ...(handoff ? { handoff } : {}),
    insights,
    async sweep() {
      await beforeSweep();
      return store.sweep();
    },
    async close() {
      ready = false;
      await server.close();
      await slack?.stop();
      await runner?.stop();
      handoff?.reminders.stop();
      await insights.idle();
      await opened.close();
    },
  };
}
