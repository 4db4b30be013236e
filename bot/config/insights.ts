/**
 * The insights page and what the bot keeps for it, and how long conversations are kept. Problems name
 * the variable and what it expects, never its value (the token and the key are secrets).
 */
export interface InsightsConfig {
  /** INSIGHTS_TOKEN: turns the page on; a bearer token or the sign-in form's secret. */
  token?: string;
  /** INSIGHTS_PSEUDONYM_KEY: the key of the users' pseudonyms; without it, one is made and kept in the store. */
  pseudonymKey?: string;
  /** INSIGHTS_RETENTION_DAYS: questions, figures and feedback are kept this long. */
  retentionMs: number;
  /** CONVERSATION_RETENTION_DAYS: a conversation's state is kept this long after its last turn. */
  conversationRetentionMs: number;
}

export const DEFAULT_INSIGHTS_RETENTION_DAYS = 90;
export const DEFAULT_CONVERSATION_RETENTION_DAYS = 30;
export const MIN_SECRET_CHARS = 32;
const dayMs = 24 * 60 * 60 * 1000;

export function parseInsightsConfig(env: Record<string, string | undefined>): {
  config: InsightsConfig;
  problems: string[];
} {
  const get = (name: string) => env[name]?.trim() || undefined;
  const problems: string[] = [];
  const secret = (name: string) => {
    const value = get(name);
    if (value !== undefined && value.length < MIN_SECRET_CHARS)
      problems.push(`${name} is shorter than ${MIN_SECRET_CHARS} characters`);
    return value !== undefined && value.length >= MIN_SECRET_CHARS ? value : undefined;
  };
  const days = (name: string, fallback: number) => {
    const raw = get(name) ?? String(fallback);
    const n = /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
    if (n >= 1 && n <= 3650) return n * dayMs;
    problems.push(`${name} must be a whole number of days from 1 to 3650`);
    return fallback * dayMs;
  };
  const token = secret('INSIGHTS_TOKEN');
  const pseudonymKey = secret('INSIGHTS_PSEUDONYM_KEY');
  return {
    config: {
      ...(token ? { token } : {}),
      ...(pseudonymKey ? { pseudonymKey } : {}),
      retentionMs: days('INSIGHTS_RETENTION_DAYS', DEFAULT_INSIGHTS_RETENTION_DAYS),
      conversationRetentionMs: days('CONVERSATION_RETENTION_DAYS', DEFAULT_CONVERSATION_RETENTION_DAYS),
    },
    problems,
  };
}
