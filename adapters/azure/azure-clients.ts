import { PostgreSQLManagementClient } from '@azure/arm-postgresql';
import { PostgreSQLManagementFlexibleServerClient } from '@azure/arm-postgresql-flexible';
import type { TokenCredential } from '@azure/identity';
import type { Access } from './azure-error-mapping.js';

export interface ArmClientOptions {
  /** The ARM endpoint, e.g. https://management.azure.com (or a loopback imitation in tests). */
  endpoint: string;
  /** The ARM token audience; without it the SDK would ask for `<endpoint>/.default`. */
  credentialScopes: string[];
  /** Trust for a test certificate, per client (no process-wide setting). */
  tlsOptions?: { ca: string };
  retryOptions?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
}

/** One SDK client per subscription, identity and deployment model, made on first use. */
export class AzureClients {
  private readonly flexibleClients = new Map<string, PostgreSQLManagementFlexibleServerClient>();
  private readonly singleClients = new Map<string, PostgreSQLManagementClient>();

  constructor(
    private readonly credentials: { read: TokenCredential; write: TokenCredential },
    private readonly options: ArmClientOptions,
  ) {}

  flexible(subscriptionId: string, access: Access = 'read'): PostgreSQLManagementFlexibleServerClient {
    const key = `${access}:${subscriptionId}`;
    let client = this.flexibleClients.get(key);
    if (!client) {
      client = new PostgreSQLManagementFlexibleServerClient(
        this.credentials[access],
        subscriptionId,
        this.clientOptions(),
      );
      this.flexibleClients.set(key, client);
    }
    return client;
  }

  /** Single Server is read-only for us: it was retired on 2025-03-28, so nothing is ever written there. */
  single(subscriptionId: string): PostgreSQLManagementClient {
    let client = this.singleClients.get(subscriptionId);
    if (!client) {
      client = new PostgreSQLManagementClient(this.credentials.read, subscriptionId, this.clientOptions());
      this.singleClients.set(subscriptionId, client);
    }
    return client;
  }

  private clientOptions() {
    const { endpoint, credentialScopes, tlsOptions, retryOptions } = this.options;
    return {
      endpoint,
      credentialScopes,
      ...(tlsOptions ? { tlsOptions } : {}),
      ...(retryOptions ? { retryOptions } : {}),
    };
  }
}
