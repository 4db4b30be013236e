import { describe, expect, it } from 'vitest';
import { parseSupportConfig } from '../../bot/config/support.js';
import { loadConfig } from '../../bot/load-config.js';

const AGENT = 'b0b00000-0000-4000-8000-000000000002';

describe('support configuration', () => {
  it('is off with no support variable set', () => {
    expect(parseSupportConfig({})).toEqual({ problems: [] });
  });

  it('reads a complete group, with a 15-minute reminder and the agent hub off by default', () => {
    const { config, problems } = parseSupportConfig({
      SUPPORT_SLACK_CHANNEL_ID: 'C0SUPPORT',
      SUPPORT_TEAMS_CHANNEL_ID: '19:abc123@thread.tacv2',
      SUPPORT_TEAMS_SERVICE_URL: 'https://smba.trafficmanager.net/emea',
      SUPPORT_AGENTS: `slack:U0BOB0001, teams:${AGENT.toUpperCase()}`,
      SUPPORT_ONCALL_SLACK: 'S0ONCALL1',
    });
    expect(problems).toEqual([]);
    expect(config).toEqual({
      slackChannelId: 'C0SUPPORT',
      teams: { channelId: '19:abc123@thread.tacv2', serviceUrl: 'https://smba.trafficmanager.net/emea/' },
      agents: [
        { channel: 'slack', id: 'U0BOB0001' },
        { channel: 'teams', id: AGENT },
      ],
      oncall: { slack: 'S0ONCALL1' },
      renotifyMinutes: 15,
      teamsAgentHub: false,
    });
  });

  it('reports every problem at once, by variable name and never by value', () => {
    const { config, problems } = parseSupportConfig({
      SUPPORT_SLACK_CHANNEL_ID: '#support-secret',
      SUPPORT_TEAMS_CHANNEL_ID: 'general',
      SUPPORT_TEAMS_SERVICE_URL: 'http://example.org/x',
      SUPPORT_AGENTS: 'slack:U0BOB0001,bob@example.org',
      SUPPORT_ONCALL_SLACK: '@here',
      SUPPORT_ONCALL_TEAMS: AGENT,
      SUPPORT_ONCALL_TEAMS_NAME: '<at>everyone</at>',
      SUPPORT_RENOTIFY_MINUTES: '0',
      SUPPORT_TEAMS_AGENT_HUB: 'maybe',
    });
    expect(config).toBeUndefined();
    expect(problems).toEqual([
      'SUPPORT_SLACK_CHANNEL_ID is not a Slack channel id (expected e.g. C0123ABCD)',
      'SUPPORT_TEAMS_CHANNEL_ID is not a Teams channel id (expected 19:…@thread.tacv2)',
      'SUPPORT_TEAMS_SERVICE_URL is not an https URL (plain http only for localhost)',
      'SUPPORT_AGENTS entry 2 is not slack:<user id> (e.g. slack:U0123ABCD) or teams:<Entra object id GUID>',
      'SUPPORT_ONCALL_SLACK is not a Slack user id (U…) or user group id (S…) (e.g. S0123ABCD)',
      "SUPPORT_ONCALL_TEAMS_NAME must be 1-100 letters, digits, spaces and . _ ' - (it is shown inside the mention)",
      'SUPPORT_RENOTIFY_MINUTES is not a whole number of minutes from 1 to 1440',
      'SUPPORT_TEAMS_AGENT_HUB is not true or false',
    ]);
    const all = problems.join('\n');
    for (const secret of ['#support-secret', 'bob@example.org', '@here', 'everyone', 'maybe'])
      expect(all).not.toContain(secret);
  });

  it('needs someone to work the tickets, and a support channel for the other settings', () => {
    expect(parseSupportConfig({ SUPPORT_SLACK_CHANNEL_ID: 'C0SUPPORT' }).problems).toEqual([
      'SUPPORT_AGENTS is not set: nobody could claim a ticket (expected slack:<user id> or teams:<Entra object id>, comma-separated)',
    ]);
    expect(parseSupportConfig({ SUPPORT_AGENTS: 'slack:U0BOB0001' }).problems).toEqual([
      'SUPPORT_AGENTS is set but no support channel is (set SUPPORT_SLACK_CHANNEL_ID or SUPPORT_TEAMS_CHANNEL_ID)',
    ]);
    expect(
      parseSupportConfig({
        SUPPORT_TEAMS_CHANNEL_ID: '19:abc@thread.tacv2',
        SUPPORT_AGENTS: 'slack:U0BOB0001',
      }).problems,
    ).toEqual([
      'SUPPORT_TEAMS_SERVICE_URL is missing (expected the serviceUrl of the team, e.g. https://smba.trafficmanager.net/emea/)',
    ]);
  });

  it('refuses a Slack support channel when Slack itself is off', () => {
    expect(() =>
      loadConfig({ SUPPORT_SLACK_CHANNEL_ID: 'C0SUPPORT', SUPPORT_AGENTS: 'slack:U0BOB0001' }),
    ).toThrow(/SUPPORT_SLACK_CHANNEL_ID is set but Slack is off/);
  });
});
