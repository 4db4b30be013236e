import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceClientCredentialsFactory } from 'botframework-connector';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../bot/load-config.js';
import { createLogger } from '../../bot/logging/logger.js';
import { silentLogger } from '../../bot/ports/logger.js';
import { type RunningBot, startBot } from '../../bot/start-bot.js';
import { BotConnectorStub } from '../support/bot-connector-stub.js';
import { OpenIdStub } from '../support/openid-stub.js';
import { realMatcher } from '../support/shared-knowledge.js';
import { SlackApiStub } from '../support/slack-api-stub.js';
import { type SendOptions, SIGNING_SECRET, sendSigned } from '../support/slack-requests.js';

export const APP_ID = '00000000-0000-0000-0000-0000000000b0';
export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
/** What the bot puts on its calls to the loopback Bot Connector (checked on every recorded call). */
export const OUTBOUND_TOKEN = 'loopback-outbound-token';

/**
 * Outbound tokens for the Bot Connector without Entra ID: the connector stub is on this machine and
 * records the Authorization header, so a call that went out unsigned would show.
 */
class LoopbackCredentials extends ServiceClientCredentialsFactory {
  async isValidAppId(appId: string): Promise<boolean> {
    return appId === APP_ID;
  }
  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }
  async createCredentials() {
    return {
      signRequest: async <T extends { headers: { set(name: string, value: string): void } }>(request: T) => {
        request.headers.set('authorization', `Bearer ${OUTBOUND_TOKEN}`);
        return request;
      },
    };
  }
}

/**
 * The bot as `npm start` builds it (loadConfig + startBot, the embedded store under a temporary
 * DATA_DIR, the real matcher), with both channels on: Slack over HTTP with signed requests and a
 * loopback Slack Web API, Teams authenticated with tokens from a loopback OpenID endpoint and replies
 * to a loopback Bot Connector. Azure is not configured: the fuzz is about the edges.
 */
export async function startFuzzBot() {
  const openid = await new OpenIdStub().start();
  const connector = await new BotConnectorStub().start();
  const slackApi = await new SlackApiStub().start();
  const dataDir = mkdtempSync(join(tmpdir(), 'georestore-fuzz-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SLACK_BOT_TOKEN: 'xoxb-fuzz-0000-secret-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApi.apiUrl,
    MicrosoftAppId: APP_ID,
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: TENANT_ID,
    MicrosoftAppPassword: 'not-a-real-secret',
  });
  const bot: RunningBot = await startBot(config, {
    logger: process.env.FUZZ_LOG ? createLogger({ level: 'debug' }) : silentLogger,
    port: 0,
    matcher: realMatcher(),
    teams: {
      authEndpoints: {
        ToBotFromChannelOpenIdMetadataUrl: openid.metadataUrl,
        ToBotFromEmulatorOpenIdMetadataUrl: openid.metadataUrl,
      },
      credentials: new LoopbackCredentials(),
      typingDelayMs: 600_000,
      retry: { sleep: async () => {} },
    },
    slack: { sleep: async () => {} },
  });
  const base = `http://127.0.0.1:${bot.address.port}`;
  const slackUrl = `${base}/slack/events`;
  const teamsUrl = `${base}/api/messages`;
  /** Bodies of slash-command acks: answers that reached Slack without a Web API call. */
  const acks: unknown[] = [];
  /** One token for the whole run: verifying it is the work under test, minting it is not. */
  const token = openid.token({ aud: APP_ID, serviceurl: connector.serviceUrl });
  let closed: Promise<void> | undefined;

  return {
    bot,
    openid,
    connector,
    slackApi,
    slackUrl,
    teamsUrl,
    acks,
    token,
    /** A signed Slack request; returns the status and records a JSON ack body. */
    async slack(body: string | Uint8Array, options: SendOptions = {}): Promise<number> {
      // Bytes that are not UTF-8 are signed as bytes, so the edge must refuse them for what they are.
      const ts = Math.floor(Date.now() / 1000);
      const bytes = typeof body === 'string' ? {} : { signature: signBytes(body, ts), timestamp: ts };
      const res = await sendSigned(slackUrl, body as string, { ...bytes, ...options });
      const text = await res.text();
      if (res.status === 200 && text.trim().startsWith('{')) acks.push(JSON.parse(text));
      return res.status;
    },
    /** A Teams POST with a valid token for the loopback connector unless headers say otherwise. */
    async teams(body: string | Uint8Array, headers: Record<string, string> = {}): Promise<number> {
      const res = await fetch(teamsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
        body,
      });
      await res.arrayBuffer();
      return res.status;
    },
    /** Stops the bot once, after every acknowledged turn has finished (so every answer is recorded). */
    drain() {
      closed ??= bot.close();
      return closed;
    },
    async close() {
      closed ??= bot.close();
      await closed;
      await slackApi.close();
      await connector.stop();
      await openid.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type FuzzBot = Awaited<ReturnType<typeof startFuzzBot>>;

function signBytes(body: Uint8Array, timestamp: number): string {
  const mac = createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:`).update(body).digest('hex');
  return `v0=${mac}`;
}

/**
 * One bot for a whole fuzz file: started before the first test, closed after the last, with the
 * inputs counted by kind and printed with the seed.
 */
export function useFuzzBot(label: string, seed: number) {
  const state: { bot?: FuzzBot; kinds: Map<string, number> } = { kinds: new Map() };
  // Generous: the matcher trains first, and CI runs several files at once on two cores.
  beforeAll(async () => {
    state.bot = await startFuzzBot();
  }, 120_000);
  afterAll(async () => {
    await state.bot?.close();
    if (state.kinds.size > 0) console.info(`${label} fuzz (seed ${seed}):`, Object.fromEntries(state.kinds));
  }, 60_000);
  return {
    kinds: state.kinds,
    get bot(): FuzzBot {
      if (!state.bot) throw new Error('the fuzz bot is not started');
      return state.bot;
    },
  };
}
