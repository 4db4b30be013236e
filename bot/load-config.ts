import { type AzureConfigResult, parseAzureConfig } from './config/azure.js';
import { type CoreConfig, parseCoreConfig } from './config/core.js';
import { type InsightsConfig, parseInsightsConfig } from './config/insights.js';
import { parseSlackConfig, type SlackConfig } from './config/slack.js';
import { parseStoreConfig, type StoreConfig } from './config/store.js';
import { parseSupportConfig, type SupportConfig } from './config/support.js';
import { parseTeamsConfig, type TeamsConfig } from './config/teams.js';
import { BotError } from './errors.js';

export interface BotConfig {
  core: CoreConfig;
  store: StoreConfig;
  teams: TeamsConfig;
  slack?: SlackConfig;
  azure: Pick<AzureConfigResult, 'config' | 'restore'>;
  support?: SupportConfig;
  insights: InsightsConfig;
}

/** Reads every group once and reports every problem at once, by variable name, never by value. */
export function loadConfig(env: Record<string, string | undefined>): BotConfig {
  const core = parseCoreConfig(env);
  const store = parseStoreConfig(env);
  const teams = parseTeamsConfig(env);
  const slack = parseSlackConfig(env);
  const azure = parseAzureConfig(env);
  const support = parseSupportConfig(env);
  const insights = parseInsightsConfig(env);
  const problems = [
    ...core.problems,
    ...store.problems,
    ...teams.problems,
    ...slack.problems,
    ...azure.problems,
    ...support.problems,
    ...insights.problems,
  ];
  if (support.config?.slackChannelId && !slack.config && slack.problems.length === 0)
    problems.push('SUPPORT_SLACK_CHANNEL_ID is set but Slack is off (set SLACK_BOT_TOKEN and its group)');
  if (problems.length > 0 || !teams.config) {
    throw new BotError(
      'config.invalid',
      `configuration has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`,
    );
  }
  return {
    core: core.config,
    store: store.config,
    teams: teams.config,
    ...(slack.config ? { slack: slack.config } : {}),
    azure: { ...(azure.config ? { config: azure.config } : {}), restore: azure.restore },
    ...(support.config ? { support: support.config } : {}),
    insights: insights.config,
  };
}
