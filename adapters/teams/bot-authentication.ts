import {
  type Activity,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import type { TeamsConfig } from '../../bot/config/teams.js';
import { BotError } from '../../bot/errors.js';
import type { Logger } from '../../bot/ports/logger.js';

/** Where the Bot Framework's signing keys come from; tests point these at a loopback metadata server. */
export interface AuthEndpoints {
  ToBotFromChannelOpenIdMetadataUrl?: string;
  ToBotFromEmulatorOpenIdMetadataUrl?: string;
  ToBotFromChannelTokenIssuer?: string;
}

type AuthenticateRequestResult = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;
type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/**
 * Bot Framework authentication from our config, with two changes to the connector clients it makes:
 * in local mode they refuse any serviceUrl that is not this machine (botbuilder would post anonymously
 * wherever a request points), and the SDK's own retry policy is taken out, because `withRetry` is the
 * one place that retries (capped, on 429/412/502/504) and two layers would multiply the attempts.
 */
export class BotAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    private readonly config: TeamsConfig,
    private readonly log: Logger,
    endpoints: AuthEndpoints = {},
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
    super({ ...app, ...endpoints }, new ConfigurationServiceClientCredentialFactory(app));
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    if (result.connectorFactory) result.connectorFactory = this.guard(result.connectorFactory);
    return result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.guard(super.createConnectorFactory(claimsIdentity));
  }

  private guard(inner: ConnectorFactory): ConnectorFactory {
    const create = async (serviceUrl: string, audience?: string): Promise<ConnectorClient> => {
      if (this.config.mode === 'local' && !isLoopbackUrl(serviceUrl)) {
        throw new BotError('channel.failed', 'local development mode sends only to loopback serviceUrls');
      }
      const client = await inner.create(serviceUrl, audience);
      if (!removeSdkRetry(client)) this.log.warn({}, 'teams.connector.sdkRetryNotRemoved');
      return client;
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

/** The connector's core-client pipeline, which botbuilder does not expose (see the class comment). */
function removeSdkRetry(client: ConnectorClient): boolean {
  const pipeline = (
    client as unknown as { client?: { pipeline?: { removePolicy(o: { name: string }): unknown[] } } }
  ).client?.pipeline;
  if (!pipeline) return false;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  return true;
}
