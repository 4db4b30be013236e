/**
 * The Slack group of settings. Slack is on only when the group is complete; a half-filled group is a
 * start-up problem that names the missing or malformed variables, never their values.
 */

interface SlackCommon {
  botToken: string;
  apiUrl?: string;
  /** How long a slash command waits for its answer to ride in the ack (SLACK_COMMAND_ACK_MS). */
  commandAckMs?: number;
}

export type SlackConfig =
  | (SlackCommon & { mode: 'http'; signingSecret: string })
  | (SlackCommon & { mode: 'socket'; appToken: string });

/** Slack wants the ack within 3 s; the answer must be ready with room to send it. */
export const MAX_COMMAND_ACK_MS = 2500;

export interface SlackConfigResult {
  /** Undefined when Slack is off (no variable of the group set) or when there are problems. */
  config?: SlackConfig;
  /** Operator-facing messages, one per problem, naming variables only. */
  problems: string[];
}

const GROUP = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL'] as const;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function parseSlackConfig(env: Record<string, string | undefined>): SlackConfigResult {
  const get = (name: (typeof GROUP)[number]) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const set = GROUP.filter((name) => get(name) !== undefined);
  if (set.length === 0) return { problems: [] };

  const botToken = get('SLACK_BOT_TOKEN');
  const signingSecret = get('SLACK_SIGNING_SECRET');
  const appToken = get('SLACK_APP_TOKEN');
  const rawApiUrl = get('SLACK_API_URL');
  const mode = appToken !== undefined ? 'socket' : 'http';
  const required =
    mode === 'socket' ? ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN'] : ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'];
  const problems: string[] = [];

  const missing = required.filter((name) => get(name as (typeof GROUP)[number]) === undefined);
  if (missing.length > 0) {
    problems.push(
      `Slack settings are incomplete: ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set but ` +
        `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing ` +
        `(set ${required.join(' and ')}${mode === 'http' ? ', or SLACK_APP_TOKEN for Socket Mode' : ''}; ` +
        'or unset every SLACK_ variable to turn Slack off)',
    );
  }
  if (botToken !== undefined && !botToken.startsWith('xoxb-')) {
    problems.push('SLACK_BOT_TOKEN is not a bot token (expected one starting with xoxb-)');
  }
  if (appToken !== undefined && !appToken.startsWith('xapp-')) {
    problems.push('SLACK_APP_TOKEN is not an app-level token (expected one starting with xapp-)');
  }
  const apiUrl = rawApiUrl === undefined ? undefined : normaliseApiUrl(rawApiUrl, problems);
  const commandAckMs = parseAckMs(env.SLACK_COMMAND_ACK_MS, problems);

  if (problems.length > 0 || botToken === undefined) return { problems };
  const base = {
    ...(apiUrl === undefined ? {} : { apiUrl }),
    ...(commandAckMs === undefined ? {} : { commandAckMs }),
  };
  if (mode === 'socket' && appToken !== undefined) {
    return { config: { mode, botToken, appToken, ...base }, problems };
  }
  if (signingSecret === undefined) return { problems };
  return { config: { mode: 'http', botToken, signingSecret, ...base }, problems };
}

function parseAckMs(raw: string | undefined, problems: string[]): number | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(ms <= MAX_COMMAND_ACK_MS)) {
    problems.push(
      `SLACK_COMMAND_ACK_MS must be a whole number of milliseconds from 0 to ${MAX_COMMAND_ACK_MS} ` +
        "(Slack's ack window is 3 s; 0 acknowledges at once and always answers through the response_url)",
    );
    return undefined;
  }
  return ms;
}

/** The Web API base URL carries the bot token, so plain http is allowed only to this machine. */
function normaliseApiUrl(raw: string, problems: string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push('SLACK_API_URL is not an absolute URL (expected e.g. https://slack.com/api/)');
    return undefined;
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  if (!secure) {
    problems.push('SLACK_API_URL must use https (plain http is accepted only for localhost)');
    return undefined;
  }
  if (url.search || url.hash || url.username || url.password) {
    problems.push('SLACK_API_URL must not carry a query, fragment or credentials');
    return undefined;
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}
