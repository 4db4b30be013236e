import { BotError, type ErrorCode } from '../../bot/errors.js';
import { type AzureErrorInfo, type AzureIds, AzureOpsError } from '../../bot/ports/postgres-ops.js';

/** Which identity a call used, so that a 403 names the role that is missing. */
export type Access = 'read' | 'write';

type HeaderBag = { get(name: string): string | undefined };

const CREDENTIAL_ERRORS = new Set([
  'CredentialUnavailableError',
  'AuthenticationError',
  'AggregateAuthenticationError',
]);
const NETWORK_CODES = new Set([
  'REQUEST_SEND_ERROR',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

export function azureIds(headers: HeaderBag | undefined): AzureIds {
  const requestId = headers?.get('x-ms-request-id');
  const correlationId = headers?.get('x-ms-correlation-request-id');
  return { ...(requestId ? { requestId } : {}), ...(correlationId ? { correlationId } : {}) };
}

function retryAfterMs(headers: HeaderBag | undefined): number | undefined {
  const value = headers?.get('retry-after');
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

type RestErrorLike = Error & {
  statusCode?: number;
  code?: string;
  response?: { headers: HeaderBag };
};

function isRestError(err: unknown): err is RestErrorLike {
  return err instanceof Error && err.name === 'RestError';
}

/**
 * The one place where an Azure failure becomes ours. Azure's free-text message stays only on `cause`
 * (for operators' logs); the code, status and request ids are kept as fields.
 */
export function toBotError(err: unknown, access: Access, what: string): BotError {
  if (err instanceof BotError) return err;
  if (err instanceof Error && CREDENTIAL_ERRORS.has(err.name)) {
    return new AzureOpsError(
      'azure.notConfigured',
      `No Azure token for ${what}: the ${access === 'write' ? 'write' : 'read'} identity is unavailable ` +
        '(check the managed identity, AZURE_CLIENT_ID / AZURE_WRITE_CLIENT_ID, or az login locally)',
      {},
      undefined,
      { cause: err },
    );
  }
  if (!isRestError(err)) {
    return new BotError('internal', `Unexpected failure while calling Azure for ${what}`, { cause: err });
  }
  const headers = err.response?.headers;
  const status = err.statusCode;
  const info: AzureErrorInfo = {
    ...(err.code ? { code: err.code } : {}),
    ...(status ? { status } : {}),
    ...azureIds(headers),
  };
  const after = retryAfterMs(headers);
  if (after !== undefined) info.retryAfterMs = after;
  const [code, message, role] = classify(status, err.code, access, what);
  return new AzureOpsError(code, message, info, role, { cause: err });
}

function classify(
  status: number | undefined,
  azureCode: string | undefined,
  access: Access,
  what: string,
): [ErrorCode, string, ('reader' | 'restore')?] {
  const tag = azureCode ? ` (Azure code ${azureCode})` : '';
  if (status === undefined) {
    const network = azureCode === undefined || NETWORK_CODES.has(azureCode);
    return [
      network ? 'azure.unavailable' : 'azure.failed',
      `Azure Resource Manager could not be reached for ${what}${tag}`,
    ];
  }
  if (status === 401) {
    return [
      'azure.forbidden',
      `Azure rejected the token for ${what}${tag}: check the identity's tenant and AZURE_CLOUD`,
    ];
  }
  if (status === 403) {
    return access === 'write'
      ? [
          'azure.forbidden',
          `Azure denied ${what}${tag}: the write identity needs the custom geo-restore role (see docs-azure.md) ` +
            'on the target resource group and read access to the source server',
          'restore',
        ]
      : [
          'azure.forbidden',
          `Azure denied ${what}${tag}: the identity needs the Reader role on the subscription or resource group`,
          'reader',
        ];
  }
  if (status === 404) return ['azure.notFound', `Azure found nothing for ${what}${tag}`];
  if (status === 409)
    return ['azure.conflict', `Azure refused ${what} because of a conflicting state or resource${tag}`];
  if (status === 429) return ['azure.throttled', `Azure throttled ${what} and retries were exhausted${tag}`];
  if (status === 408 || status >= 500)
    return ['azure.unavailable', `Azure failed to answer ${what} (HTTP ${status})${tag}`];
  return ['azure.failed', `Azure rejected ${what} (HTTP ${status})${tag}`];
}

/** 404 from a GET means "no such server": a value, not an error. */
export function isNotFound(err: unknown): boolean {
  return isRestError(err) && err.statusCode === 404;
}
