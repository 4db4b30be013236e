import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { SLACK_EVENTS_PATH } from '../../adapters/slack/create-slack-edge.js';
import { ASK_SHORTCUT, TICKET_SHORTCUT } from '../../adapters/slack/message-shortcuts.js';
import { SLASH_COMMAND } from '../../adapters/slack/register-listeners.js';

const manifest = YAML.parse(
  readFileSync(new URL('../../adapters/slack/manifest.yml', import.meta.url), 'utf8'),
);

describe('the Slack app manifest', () => {
  it('points the slash command, events and interactivity at the one route the edge mounts', () => {
    const urls = [
      manifest.features.slash_commands[0].url,
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls)
      expect(new URL(url.replace('<your-host>', 'example.org')).pathname).toBe(SLACK_EVENTS_PATH);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('declares the command the edge listens for, with a usage hint', () => {
    expect(manifest.features.slash_commands[0]).toMatchObject({
      command: SLASH_COMMAND,
      usage_hint: expect.stringContaining('check'),
    });
  });

  it('subscribes to mentions, direct messages and support-channel threads, with the scopes they need', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([
      'app_home_opened',
      'app_mention',
      'message.im',
      'message.channels',
      'message.groups',
    ]);
    expect(manifest.oauth_config.scopes.bot).toEqual([
      'app_mentions:read',
      'chat:write',
      'commands',
      'im:history',
      'channels:history',
      'groups:history',
      'users:read',
    ]);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });

  it('declares the two message shortcuts the edge listens for, and the Home tab', () => {
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: ASK_SHORTCUT, name: 'Ask GeoRestore' }),
      expect.objectContaining({
        type: 'message',
        callback_id: TICKET_SHORTCUT,
        name: 'Open a support ticket',
      }),
    ]);
    for (const shortcut of manifest.features.shortcuts)
      expect(shortcut.description).toEqual(expect.any(String));
    // Shortcuts come over interactivity, which needs the commands scope.
    expect(manifest.oauth_config.scopes.bot).toContain('commands');
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });
});
