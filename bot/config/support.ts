import { GUID, type ListedUser, parseUserList, SLACK_USER } from './user-list.js';

/**
 * The support group: where tickets go, who may work them, whom a forgotten ticket pings. Support is on
 * when a support channel is set; problems name the variable and the expected format, never the value.
 */

export type SupportAgent = ListedUser;

export interface TeamsSupportChannel {
  /** The channel's conversation id, `19:…@thread.tacv2`. */
  channelId: string;
  /** The Bot Connector service URL of the team's region, as Teams sends it on every activity. */
  serviceUrl: string;
  tenantId?: string;
}

export interface OnCall {
  /** A Slack user (`U…`) or user group (`S…`). */
  slack?: string;
  /** An Entra object id and the name Teams shows in the mention. */
  teams?: { id: string; name: string };
}

export interface SupportConfig {
  slackChannelId?: string;
  teams?: TeamsSupportChannel;
  agents: SupportAgent[];
  oncall: OnCall;
  renotifyMinutes: number;
  /** Also emit the Bot Framework handoff.initiate event in Teams, for hosts with an agent desk. */
  teamsAgentHub: boolean;
}

export const DEFAULT_RENOTIFY_MINUTES = 15;

const SLACK_CHANNEL = /^[CG][A-Z0-9]{2,}$/;
const SLACK_GROUP = /^S[A-Z0-9]{2,}$/;
const TEAMS_CHANNEL = /^19:[^\s;]+@thread\.(tacv2|skype)$/;
const SAFE_NAME = /^[\p{L}\p{N} ._'-]{1,100}$/u;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

type Env = Record<string, string | undefined>;

export function parseSupportConfig(env: Env): { config?: SupportConfig; problems: string[] } {
  const get = (name: string) => env[name]?.trim() || undefined;
  const problems: string[] = [];
  const slackChannelId = get('SUPPORT_SLACK_CHANNEL_ID');
  if (slackChannelId !== undefined && !SLACK_CHANNEL.test(slackChannelId))
    problems.push('SUPPORT_SLACK_CHANNEL_ID is not a Slack channel id (expected e.g. C0123ABCD)');
  const teams = parseTeamsChannel(get, problems);
  const agents = parseUserList('SUPPORT_AGENTS', get('SUPPORT_AGENTS'), problems);
  const oncall = parseOnCall(get, problems);
  const renotifyMinutes = parseMinutes(get('SUPPORT_RENOTIFY_MINUTES'), problems);
  const hub = get('SUPPORT_TEAMS_AGENT_HUB')?.toLowerCase();
  if (hub !== undefined && !TRUE.has(hub) && !FALSE.has(hub))
    problems.push('SUPPORT_TEAMS_AGENT_HUB is not true or false');
  const teamsAgentHub = hub !== undefined && TRUE.has(hub);

  const on = slackChannelId !== undefined || get('SUPPORT_TEAMS_CHANNEL_ID') !== undefined;
  if (!on) {
    const stray = ['SUPPORT_AGENTS', 'SUPPORT_ONCALL_SLACK', 'SUPPORT_ONCALL_TEAMS'].filter((n) => get(n));
    if (stray.length > 0)
      problems.push(
        `${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set but no support channel is (set SUPPORT_SLACK_CHANNEL_ID or SUPPORT_TEAMS_CHANNEL_ID)`,
      );
    return { problems };
  }
  if (agents.length === 0)
    problems.push(
      'SUPPORT_AGENTS is not set: nobody could claim a ticket (expected slack:<user id> or teams:<Entra object id>, comma-separated)',
    );
  if (problems.length > 0) return { problems };
  return {
    config: {
      ...(slackChannelId ? { slackChannelId } : {}),
      ...(teams ? { teams } : {}),
      agents,
      oncall,
      renotifyMinutes,
      teamsAgentHub,
    },
    problems,
  };
}

function parseTeamsChannel(
  get: (name: string) => string | undefined,
  problems: string[],
): TeamsSupportChannel | undefined {
  const channelId = get('SUPPORT_TEAMS_CHANNEL_ID');
  const rawUrl = get('SUPPORT_TEAMS_SERVICE_URL');
  const tenantId = get('SUPPORT_TEAMS_TENANT_ID');
  if (channelId === undefined && rawUrl === undefined) return undefined;
  if (channelId === undefined) {
    problems.push('SUPPORT_TEAMS_SERVICE_URL is set but SUPPORT_TEAMS_CHANNEL_ID is missing');
    return undefined;
  }
  if (!TEAMS_CHANNEL.test(channelId))
    problems.push('SUPPORT_TEAMS_CHANNEL_ID is not a Teams channel id (expected 19:…@thread.tacv2)');
  if (rawUrl === undefined) {
    problems.push(
      'SUPPORT_TEAMS_SERVICE_URL is missing (expected the serviceUrl of the team, e.g. https://smba.trafficmanager.net/emea/)',
    );
    return undefined;
  }
  const serviceUrl = serviceUrlOf(rawUrl);
  if (serviceUrl === undefined)
    problems.push('SUPPORT_TEAMS_SERVICE_URL is not an https URL (plain http only for localhost)');
  if (tenantId !== undefined && !GUID.test(tenantId)) problems.push('SUPPORT_TEAMS_TENANT_ID is not a GUID');
  if (serviceUrl === undefined || !TEAMS_CHANNEL.test(channelId)) return undefined;
  return { channelId, serviceUrl, ...(tenantId && GUID.test(tenantId) ? { tenantId } : {}) };
}

function serviceUrlOf(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    const ok = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
    if (!ok || url.search || url.hash || url.username || url.password) return undefined;
    return url.href.endsWith('/') ? url.href : `${url.href}/`;
  } catch {
    return undefined;
  }
}

function parseOnCall(get: (name: string) => string | undefined, problems: string[]): OnCall {
  const slack = get('SUPPORT_ONCALL_SLACK');
  const teams = get('SUPPORT_ONCALL_TEAMS');
  const name = get('SUPPORT_ONCALL_TEAMS_NAME') ?? 'on-call';
  const oncall: OnCall = {};
  if (slack !== undefined) {
    if (SLACK_USER.test(slack) || SLACK_GROUP.test(slack)) oncall.slack = slack;
    else
      problems.push(
        'SUPPORT_ONCALL_SLACK is not a Slack user id (U…) or user group id (S…) (e.g. S0123ABCD)',
      );
  }
  if (teams !== undefined) {
    if (!GUID.test(teams)) problems.push('SUPPORT_ONCALL_TEAMS is not an Entra object id (GUID)');
    else if (!SAFE_NAME.test(name))
      problems.push(
        "SUPPORT_ONCALL_TEAMS_NAME must be 1-100 letters, digits, spaces and . _ ' - (it is shown inside the mention)",
      );
    else oncall.teams = { id: teams.toLowerCase(), name };
  }
  return oncall;
}

function parseMinutes(raw: string | undefined, problems: string[]): number {
  if (raw === undefined) return DEFAULT_RENOTIFY_MINUTES;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 1440) {
    problems.push('SUPPORT_RENOTIFY_MINUTES is not a whole number of minutes from 1 to 1440');
    return DEFAULT_RENOTIFY_MINUTES;
  }
  return n;
}
