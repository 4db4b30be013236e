import {
  type Activity,
  CallerIdConstants,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  StatusCodes,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import jwt from 'jsonwebtoken';
import type { TeamsConfig } from '../../bot/config/teams.js';
import { BotError } from '../../bot/errors.js';
import type { Logger } from '../../bot/ports/logger.js';
import { ClientCache } from './client-cache.js';

/** Where the Bot Framework's signing keys come from; tests point these at a loopback metadata server. */
export interface AuthEndpoints {
  ToBotFromChannelOpenIdMetadataUrl?: string;
  ToBotFromEmulatorOpenIdMetadataUrl?: string;
  ToBotFromChannelTokenIssuer?: string;
}

const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/** The leeway botframework-connector allows on a token's expiry (its validation parameters' clockTolerance). */
const EXPIRY_LEEWAY_SECONDS = 5 * 60;

/**
 * Whether the bearer token's `exp` (read without verifying anything) lies further in the past than
 * botframework's leeway. Such a token is refused by botframework too, but only after it has printed the
 * error's stack trace to stderr with console.error; refused here, it costs one log line like any other
 * 401, and a stream of replayed old tokens cannot fill stderr. Nothing read here ever admits a token.
 */
function isLongExpired(authHeader: string, nowMs: number): boolean {
  const token = /^Bearer\s+(\S+)$/i.exec(authHeader.trim())?.[1];
  if (token === undefined) return false;
  const payload = jwt.decode(token, { json: true });
  const exp = payload?.exp;
  return typeof exp === 'number' && exp + EXPIRY_LEEWAY_SECONDS < nowMs / 1000;
}

/**
 * botbuilder's public-cloud values. Once any endpoint is overridden it expects the full set, so an
 * override starts from these.
 */
const PUBLIC_CLOUD = {
  ValidateAuthority: true,
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl:
    'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: CallerIdConstants.PublicAzureChannel,
};

type AuthenticateRequestResult = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;
type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/**
 * Bot Framework authentication from our config, with two changes to the connector clients it makes:
 * in local mode they refuse any serviceUrl that is not this machine (botbuilder would post anonymously
 * wherever a request points), and the SDK's own retry policy is taken out, because `withRetry` is the
 * one place that retries (capped, on 429/412/502/504) and two layers would multiply the attempts.
 * The clients it makes are kept and reused by later turns (see ClientCache).
 */
export class BotAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new ClientCache<ConnectorClient>();
  private readonly tokenClients = new ClientCache<UserTokenClient>();

  constructor(
    private readonly config: TeamsConfig,
    private readonly log: Logger,
    endpoints: AuthEndpoints = {},
    /** Where outbound tokens come from; the app registration's settings unless given. */
    credentials?: ServiceClientCredentialsFactory,
  ) {
    const app =
      config.mode === 'local'
        ? {}
        : {
            MicrosoftAppId: config.appId,
            MicrosoftAppType: config.appType,
            MicrosoftAppTenantId: config.tenantId,
            ...(config.appPassword ? { MicrosoftAppPassword: config.appPassword } : {}),
          };
    const custom = Object.keys(endpoints).length > 0 ? { ...PUBLIC_CLOUD, ...endpoints } : {};
    super({ ...app, ...custom }, credentials ?? new ConfigurationServiceClientCredentialFactory(app));
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    if (isLongExpired(authHeader, Date.now())) {
      throw new AuthenticationError('Unauthorized. The token has expired.', StatusCodes.UNAUTHORIZED);
    }
    const result = await super.authenticateRequest(activity, authHeader).catch((err: unknown) => {
      // jsonwebtoken rejects a bad signature, expiry or format with its own errors, which CloudAdapter
      // would answer with 500; a token that fails verification is a 401 like any other.
      if (JWT_ERRORS.has((err as Error | null)?.name ?? '')) {
        throw new AuthenticationError(
          'Unauthorized. The token failed verification.',
          StatusCodes.UNAUTHORIZED,
        );
      }
      throw err;
    });
    if (result.connectorFactory) {
      result.connectorFactory = this.guard(result.connectorFactory, result.claimsIdentity);
    }
    return result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.guard(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  private guard(inner: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    // The factory botbuilder made for these claims signs as their app id; a client is kept per app id.
    const appId = appIdOf(claimsIdentity);
    const create = (serviceUrl: string, audience?: string): Promise<ConnectorClient> => {
      if (this.config.mode === 'local' && !isLoopbackUrl(serviceUrl)) {
        return Promise.reject(
          new BotError('channel.failed', 'local development mode sends only to loopback serviceUrls'),
        );
      }
      return this.connectors.get(JSON.stringify([appId, serviceUrl, audience ?? '']), async () => {
        const client = await inner.create(serviceUrl, audience);
        if (!removeSdkRetry(client)) this.log.warn({}, 'teams.connector.sdkRetryNotRemoved');
        return client;
      });
    };
    return { create } as ConnectorFactory;
  }
}

export function isLoopbackUrl(raw: unknown): boolean {
  if (typeof raw !== 'string') return false;
  try {
    const { hostname, protocol } = new URL(raw);
    if (protocol !== 'http:' && protocol !== 'https:') return false;
    return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
  } catch {
    return false;
  }
}

/** The app id botbuilder's factories sign as for these claims: the audience, else the appid claim. */
function appIdOf(claimsIdentity: ClaimsIdentity | undefined): string {
  return (
    claimsIdentity?.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claimsIdentity?.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}

/** The connector's core-client pipeline, which botbuilder does not expose (see the class comment). */
function removeSdkRetry(client: ConnectorClient): boolean {
  const pipeline = (
    client as unknown as { client?: { pipeline?: { removePolicy(o: { name: string }): unknown[] } } }
  ).client?.pipeline;
  if (!pipeline) return false;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  return true;
}
