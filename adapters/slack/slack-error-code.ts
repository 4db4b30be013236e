/** What a Web API failure says: the SDK's error code and Slack's own (`slack_webapi_platform_error:missing_scope`). */
export function slackErrorCode(error: unknown): string {
  const e = error as { code?: unknown; data?: { error?: unknown } } | undefined;
  const parts = [e?.code, e?.data?.error].filter((part): part is string => typeof part === 'string');
  return parts.join(':') || 'unknown';
}
