import { SocketModeReceiver } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createSlackEdge } from '../../adapters/slack/create-slack-edge.js';
import { SlackHttpReceiver } from '../../adapters/slack/http-receiver.js';
import { MemoryStore } from '../../adapters/store/memory-store.js';
import { parseSlackConfig } from '../../bot/config/slack.js';
import { silentLogger } from '../../bot/ports/logger.js';
import { ScriptedHandler } from './scripted-handler.js';

const BOT = 'xoxb-1-secret-bot-token';
const SECRET = 'signing-secret-value';
const APP = 'xapp-1-secret-app-token';

describe('Slack configuration', () => {
  it('leaves Slack off when no Slack variable is set', () => {
    expect(parseSlackConfig({ OTHER: 'x', SLACK_BOT_TOKEN: '  ' })).toEqual({ problems: [] });
  });

  it('turns Slack on over HTTP with a bot token and a signing secret', () => {
    const { config, problems } = parseSlackConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET });
    expect(problems).toEqual([]);
    expect(config).toEqual({ mode: 'http', botToken: BOT, signingSecret: SECRET });
  });

  it('selects Socket Mode when SLACK_APP_TOKEN is set', () => {
    const { config } = parseSlackConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP });
    expect(config).toEqual({ mode: 'socket', botToken: BOT, appToken: APP });
  });

  it('names the missing variables of a half-filled group, never the values', () => {
    const { config, problems } = parseSlackConfig({ SLACK_BOT_TOKEN: BOT });
    expect(config).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('SLACK_SIGNING_SECRET');
    expect(problems[0]).not.toContain(BOT);
  });

  it('reports a signing secret without a bot token', () => {
    const { problems } = parseSlackConfig({ SLACK_SIGNING_SECRET: SECRET });
    expect(problems.join()).toContain('SLACK_BOT_TOKEN is missing');
    expect(problems.join()).not.toContain(SECRET);
  });

  it('reports every problem at once', () => {
    const { problems } = parseSlackConfig({
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      SLACK_APP_TOKEN: 'nope',
      SLACK_API_URL: 'ftp://x',
    });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/SLACK_BOT_TOKEN .*xoxb-/);
    expect(problems.join('\n')).toMatch(/SLACK_APP_TOKEN .*xapp-/);
    expect(problems.join('\n')).toMatch(/SLACK_API_URL/);
    expect(problems.join('\n')).not.toContain('xoxp-user-token');
  });

  it("reads how long a slash command may wait for its answer (SLACK_COMMAND_ACK_MS), within Slack's window", () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh' };
    expect(parseSlackConfig({ ...base, SLACK_COMMAND_ACK_MS: '1500' }).config).toMatchObject({
      commandAckMs: 1500,
    });
    expect(parseSlackConfig({ ...base, SLACK_COMMAND_ACK_MS: '0' }).config).toMatchObject({
      commandAckMs: 0,
    });
    expect(parseSlackConfig(base).config).not.toHaveProperty('commandAckMs');
    for (const bad of ['2600', '-1', '1.5', 'soon']) {
      const result = parseSlackConfig({ ...base, SLACK_COMMAND_ACK_MS: bad });
      expect(result.config).toBeUndefined();
      expect(result.problems).toEqual([
        expect.stringContaining('SLACK_COMMAND_ACK_MS must be a whole number'),
      ]);
    }
  });

  it('accepts an https API URL and normalises the trailing slash', () => {
    const { config } = parseSlackConfig({
      SLACK_BOT_TOKEN: BOT,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: 'https://slack-gov.com/api',
    });
    expect(config?.apiUrl).toBe('https://slack-gov.com/api/');
  });

  it('refuses a plain-http API URL except to this machine, since it carries the token', () => {
    const base = { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET };
    expect(parseSlackConfig({ ...base, SLACK_API_URL: 'http://proxy.internal/api/' }).problems[0]).toContain(
      'https',
    );
    expect(parseSlackConfig({ ...base, SLACK_API_URL: 'http://127.0.0.1:9/api/' }).config?.apiUrl).toBe(
      'http://127.0.0.1:9/api/',
    );
  });
});

describe('the edge built from the configuration', () => {
  const deps = { store: new MemoryStore(), logger: silentLogger };
  const handler = new ScriptedHandler();

  it('uses Bolt Socket Mode when configured for it, and mounts no route', () => {
    const edge = createSlackEdge({ ...deps, config: { mode: 'socket', botToken: BOT, appToken: APP } });
    const routes: string[] = [];
    edge.serve(handler)({ post: (path) => routes.push(path), get: () => {} });
    expect(edge.mode).toBe('socket');
    expect(edge.receiver).toBeInstanceOf(SocketModeReceiver);
    expect(routes).toEqual([]);
  });

  it('uses the signed HTTP receiver on POST /slack/events otherwise', () => {
    const edge = createSlackEdge({ ...deps, config: { mode: 'http', botToken: BOT, signingSecret: SECRET } });
    const routes: string[] = [];
    edge.serve(handler)({ post: (path) => routes.push(path), get: () => {} });
    expect(edge.receiver).toBeInstanceOf(SlackHttpReceiver);
    expect(routes).toEqual(['/slack/events']);
  });
});
