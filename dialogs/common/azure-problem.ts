import { isBotError } from '../../bot/errors.js';
import type { Fact, Reply } from '../../bot/model.js';
import { type AzureErrorInfo, AzureOpsError } from '../../bot/ports/postgres-ops.js';
import { humanButton } from './replies.js';

/**
 * What a chat user is told when Azure says no. Only our own codes, Azure's short error code and the
 * request ids are shown: never Azure's free text or a stack trace.
 */
export type AzureProblem = { code: string; summary: string; advice: string; azure: AzureErrorInfo };

export function azureInfo(err: unknown): AzureErrorInfo {
  return err instanceof AzureOpsError ? err.azure : {};
}

export function describeAzureProblem(err: unknown, doing: string): AzureProblem {
  const azure = azureInfo(err);
  const code = isBotError(err) ? err.code : 'internal';
  const tag = azure.code ? ` (Azure code ${azure.code})` : '';
  const role = err instanceof AzureOpsError ? err.requiredRole : undefined;
  switch (code) {
    case 'azure.forbidden':
      return {
        code,
        azure,
        summary: `Azure did not allow ${doing}${tag}.`,
        advice:
          role === 'restore'
            ? "The bot's write identity is missing the custom geo-restore role on the target resource group (and read access to the source server). An administrator can grant it; see docs-azure.md."
            : "The bot's identity is missing the Reader role on the server's subscription or resource group. An administrator can grant it; see docs-azure.md.",
      };
    case 'azure.notFound':
      return {
        code,
        azure,
        summary: `Azure could not find something needed for ${doing}${tag}.`,
        advice:
          'Usually the resource group, subscription or source server does not exist (any more) or is outside what the bot may see. Check the names and try again.',
      };
    case 'azure.conflict':
      return {
        code,
        azure,
        summary: `Azure refused ${doing} because of a conflicting state${tag}.`,
        advice:
          'Another operation may be running on the same resource, or a server with that name already exists. Wait for it to finish or choose another name, then try again.',
      };
    case 'azure.throttled': {
      const seconds =
        azure.retryAfterMs !== undefined ? Math.max(1, Math.ceil(azure.retryAfterMs / 1000)) : undefined;
      return {
        code,
        azure,
        summary: `Azure is throttling requests right now, so I could not finish ${doing}${tag}.`,
        advice:
          seconds !== undefined
            ? `Azure asked to wait ${seconds} second${seconds === 1 ? '' : 's'}. Please try again after that.`
            : 'Please try again in a minute.',
      };
    }
    case 'azure.unavailable':
      return {
        code,
        azure,
        summary: `Azure did not answer properly while ${doing}${azure.status ? ` (HTTP ${azure.status})` : ''}${tag}.`,
        advice: 'This is usually temporary. Please try again in a few minutes, or ask a person.',
      };
    case 'azure.notConfigured':
      return {
        code,
        azure,
        summary: `I have no usable Azure identity for ${doing}.`,
        advice:
          'An operator needs to check the managed identity or AZURE_CLIENT_ID / AZURE_WRITE_CLIENT_ID (see the README, "Live Azure").',
      };
    default:
      return {
        code,
        azure,
        summary: `Something went wrong while ${doing}${tag}.`,
        advice: 'Please try again, or ask a person.',
      };
  }
}

/** The ids worth quoting to Microsoft support, as facts. */
export function azureIdFacts(azure: AzureErrorInfo): Fact[] {
  return [
    ...(azure.code ? [{ label: 'Azure error code', value: azure.code }] : []),
    ...(azure.correlationId ? [{ label: 'Correlation id', value: azure.correlationId }] : []),
    ...(azure.requestId ? [{ label: 'Request id', value: azure.requestId }] : []),
  ];
}

export function azureProblemReply(problem: AzureProblem, title?: string): Reply {
  return {
    kind: 'error',
    ...(title ? { title } : {}),
    summary: problem.summary,
    text: problem.advice,
    facts: azureIdFacts(problem.azure),
    buttons: [humanButton],
  };
}
