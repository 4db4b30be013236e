import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SlackEdgeDeps } from '../../adapters/slack/create-slack-edge.js';
import { LevelStore } from '../../adapters/store/level-store.js';
import { MemoryStore } from '../../adapters/store/memory-store.js';
import { loadConfig } from '../../bot/load-config.js';
import { createLogger } from '../../bot/logging/logger.js';
import { type Clock, systemClock } from '../../bot/ports/clock.js';
import { type Logger, silentLogger } from '../../bot/ports/logger.js';
import type { PostgresOps } from '../../bot/ports/postgres-ops.js';
import type { Scheduler } from '../../bot/ports/scheduler.js';
import type { Store } from '../../bot/ports/store.js';
import { type RunningBot, startBot } from '../../bot/start-bot.js';
import type { AuditEntry } from '../../dialogs/common/audit.js';
import type { Matcher } from '../../knowledge/matcher.js';
import { loopbackOps, SUB_A, SUB_B } from '../azure/loopback-ops.js';
import { ArmLoopback } from '../support/arm-loopback/arm-loopback.js';
import { realMatcher } from '../support/shared-knowledge.js';
import { SlackApiStub, type StubCall } from '../support/slack-api-stub.js';
import { buttonsOf, isMessage, labelsOf } from '../support/slack-readers.js';
import {
  appMention,
  blockActions,
  directMessage,
  eventEnvelope,
  FORM,
  SIGNING_SECRET,
  sendSigned,
  slashCommand,
} from '../support/slack-requests.js';

export { SUB_A, SUB_B };

const BOT_TOKEN = 'xoxb-e2e-0000-secret-token';
/** Slack user ids as Slack forms them (RESTORE_ALLOWED_USERS checks the form). */
export const ALICE = 'U0ALICE01';
export const MALLORY = 'U0MALLORY';

/**
 * The runner's timers, fired on the next turn of the event loop instead of after the requested wait, so
 * that a restore runs through in milliseconds; the requested delays are kept for assertions.
 */
export class SoonScheduler implements Scheduler {
  readonly delays: number[] = [];
  after(ms: number, run: () => void): () => void {
    this.delays.push(ms);
    const timer = setTimeout(run, 0);
    return () => clearTimeout(timer);
  }
}

export { buttonsOf, isMessage, labelsOf, textOf } from '../support/slack-readers.js';

export interface E2eOptions {
  restoreEnabled?: boolean;
  /** Slack user ids on RESTORE_ALLOWED_USERS (default ALICE). */
  allowed?: string[];
  /** Wraps the real AzurePostgresOps (to observe calls), still real underneath. */
  wrapOps?: (ops: PostgresOps) => PostgresOps;
  /**
   * Lets startBot open the store its configuration names (e.g. STORE=blob and its settings) instead of
   * an in-memory one; `observe` is how the test reads that store (another client of the same data).
   */
  storeFromConfig?: { env: Record<string, string>; observe: Store };
  /** More settings (the support group). */
  env?: Record<string, string>;
  /** The bot's clock (Slack's signature check keeps the real one). */
  clock?: Clock;
  /** Use the real on-disk store under this DATA_DIR (kept on close) instead of a memory store. */
  dataDir?: string;
  logger?: Logger;
  /** The ticket reminders' timers. */
  reminderScheduler?: Scheduler;
  /** The matcher the engine uses (a test may wrap the shared one to see what it is asked). */
  matcher?: Matcher;
  /** More options of the Slack edge (the slow-turn timer). */
  slack?: Partial<SlackEdgeDeps>;
}

/**
 * The bot as `npm start` runs it (startBot with a configuration read by loadConfig), with Slack in HTTP
 * mode pointing at a loopback Slack Web API and the real Azure SDK clients pointing at a loopback ARM.
 * The test talks to it only through signed requests to POST /slack/events.
 */
export async function startE2e(options: E2eOptions = {}) {
  const arm = await ArmLoopback.start();
  const stub = await new SlackApiStub().start();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'georestore-e2e-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: stub.apiUrl,
    AZURE_SUBSCRIPTION_ID: `${SUB_A},${SUB_B}`,
    RESTORE_ENABLED: String(options.restoreEnabled ?? true),
    RESTORE_ALLOWED_USERS: (options.allowed ?? [ALICE]).map((id) => `slack:${id}`).join(','),
    ...options.storeFromConfig?.env,
    ...options.env,
  });
  const realOps = loopbackOps(arm).ops;
  const store: Store =
    options.storeFromConfig?.observe ??
    (options.dataDir
      ? await LevelStore.open(join(dataDir, 'store'), options.clock ? { clock: options.clock } : {})
      : new MemoryStore());
  const scheduler = new SoonScheduler();
  const bot: RunningBot = await startBot(config, {
    logger: options.logger ?? (process.env.E2E_LOG ? createLogger({ level: 'debug' }) : silentLogger),
    ...(options.storeFromConfig ? {} : { store }),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.reminderScheduler ? { reminderScheduler: options.reminderScheduler } : {}),
    ops: options.wrapOps ? options.wrapOps(realOps) : realOps,
    port: 0,
    scheduler,
    matcher: options.matcher ?? realMatcher(),
    slack: { sleep: async () => {}, clock: systemClock, ...options.slack },
  });
  const url = `http://127.0.0.1:${bot.address.port}/slack/events`;
  let responses = 0;
  /** Answers that came back in a slash command's ack body. */
  const acks: StubCall[] = [];

  const messages = () => stub.calls.filter(isMessage);

  /** Resolves with the messages posted after `before` once `check` holds for them. */
  async function postedAfter(before: number, check: (posted: StubCall[]) => boolean = (p) => p.length > 0) {
    await stub.until(() => check(messages().slice(before)));
    return messages().slice(before);
  }

  async function send(body: string, contentType?: string, headers?: Record<string, string>) {
    const res = await sendSigned(url, body, {
      ...(contentType ? { contentType } : {}),
      ...(headers ? { headers } : {}),
    });
    if (res.status !== 200) throw new Error(`POST /slack/events answered ${res.status}`);
    return res;
  }

  let tsCounter = 0;
  const nextTs = () => `1767100000.${String(++tsCounter).padStart(6, '0')}`;

  /** One person in one Slack conversation (a channel, or a DM with the bot). */
  function as(user: string, channel = 'C1') {
    return {
      /**
       * `/georestore <text>`: the HTTP response (the ack) and the first answer, which rides in the ack's
       * body when the bot was quick enough and comes through the response_url otherwise.
       */
      async slash(text: string, onAck?: (res: Response) => void) {
        const before = messages().length;
        const responseId = `cmd${++responses}`;
        const res = await send(
          slashCommand({ text, responseUrl: stub.responseUrl(responseId), userId: user, channelId: channel }),
          FORM,
        );
        onAck?.(res);
        const raw = await res.text();
        if (raw.trim() !== '') {
          const reply: StubCall = {
            method: 'ack',
            args: JSON.parse(raw) as Record<string, unknown>,
            status: 200,
          };
          acks.push(reply);
          return { res, reply };
        }
        await postedAfter(before, (p) => p.some((c) => c.method === `respond:${responseId}`));
        return { res, reply: messages().find((c) => c.method === `respond:${responseId}`) };
      },
      /** A message in a thread of a channel, without mentioning the bot (support-channel relay). */
      async reply(text: string, threadTs: string) {
        await send(
          eventEnvelope({
            type: 'message',
            channel_type: 'channel',
            user,
            text,
            ts: nextTs(),
            thread_ts: threadTs,
            team: 'T1',
            channel,
          }),
        );
      },
      /** A direct message to the bot (channel must be a D… channel). */
      async dm(text: string) {
        const before = messages().length;
        await send(eventEnvelope(directMessage({ text, ts: nextTs(), user, channel })));
        return (await postedAfter(before))[0];
      },
      /** Mentions the bot in a channel thread (a new thread under the mention when threadTs is not given). */
      async mention(text: string, threadTs?: string) {
        const before = messages().length;
        const ts = nextTs();
        await send(
          eventEnvelope(
            appMention({ text: `<@UBOT> ${text}`, ts, user, channel, ...(threadTs ? { threadTs } : {}) }),
          ),
        );
        return { ts, reply: (await postedAfter(before))[0] };
      },
      /**
       * Clicks the button labelled `label` (or whose action id starts with `label#`) on a message the bot posted, as Slack sends it. Returns the
       * raw body (to redeliver it) and the first message posted after the click.
       */
      async click(on: StubCall | undefined, label: string, extra: { actionTs?: string } = {}) {
        const button = buttonsOf(on).find(
          (b) => b.text.text === label || b.action_id.startsWith(`${label}#`),
        );
        if (!button) throw new Error(`no button "${label}" on ${JSON.stringify(labelsOf(on))}`);
        const threadTs = typeof on?.args.thread_ts === 'string' ? on.args.thread_ts : undefined;
        const ephemeral =
          on?.method === 'chat.postEphemeral' ||
          ((on?.method === 'ack' || on?.method.startsWith('respond:') === true) &&
            on.args.response_type === 'ephemeral');
        const body = blockActions({
          actionId: button.action_id,
          ...(button.value !== undefined ? { value: button.value } : {}),
          responseUrl: stub.responseUrl(`act${++responses}`),
          userId: user,
          channel,
          messageTs: nextTs(),
          ephemeral,
          type: button.type,
          ...(threadTs ? { threadTs } : {}),
          ...(extra.actionTs ? { actionTs: extra.actionTs } : {}),
        });
        const before = messages().length;
        const res = await send(body, FORM);
        return {
          res,
          body,
          /** The messages posted since the click, once `check` holds (by default: once there is one). */
          posted: (check?: (posted: StubCall[]) => boolean) => postedAfter(before, check),
          reply: async () => (await postedAfter(before))[0],
        };
      },
    };
  }

  return {
    arm,
    stub,
    store,
    scheduler,
    bot,
    url,
    as,
    send,
    messages,
    acks,
    postedAfter,
    puts: () => arm.count('flexible.put'),
    audit: async () => (await store.list<AuditEntry>('audit/')).map((r) => r.value),
    async close() {
      await bot.close();
      await stub.close();
      // A request the SDK sent after an early failure can hold a keep-alive connection for a while.
      await Promise.race([arm.close(), new Promise((r) => setTimeout(r, 300))]);
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type E2e = Awaited<ReturnType<typeof startE2e>>;
