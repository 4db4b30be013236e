import { describe, expect, it } from 'vitest';
import { parseTeamsConfig } from '../../bot/config/teams.js';

const APP = '3f2c1a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('Teams configuration', () => {
  it('runs in local development mode on loopback when no app id is set', () => {
    expect(parseTeamsConfig({})).toEqual({
      config: { mode: 'local', port: 3978, host: '127.0.0.1' },
      problems: [],
    });
  });

  it("keeps Teams' own feedback buttons on unless TEAMS_FEEDBACK_LOOP is false, and names a bad value", () => {
    expect(parseTeamsConfig({ TEAMS_FEEDBACK_LOOP: 'false' }).config).toMatchObject({ feedbackLoop: false });
    expect(parseTeamsConfig({ TEAMS_FEEDBACK_LOOP: 'true' }).config).not.toHaveProperty('feedbackLoop');
    expect(parseTeamsConfig({ TEAMS_FEEDBACK_LOOP: 'maybe' }).problems).toEqual([
      'TEAMS_FEEDBACK_LOOP is not true or false',
    ]);
  });

  it('refuses to start in production without an app id', () => {
    const { config, problems } = parseTeamsConfig({ NODE_ENV: 'production' });

    expect(config).toBeUndefined();
    expect(problems[0]).toMatch(/^MicrosoftAppId is not set and NODE_ENV is production/);
  });

  it('accepts a single-tenant bot and listens on every interface', () => {
    const env = {
      MicrosoftAppId: APP,
      MicrosoftAppPassword: 's3cret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT,
      PORT: '8080',
    };

    expect(parseTeamsConfig(env).config).toEqual({
      mode: 'authenticated',
      appId: APP,
      appType: 'SingleTenant',
      tenantId: TENANT,
      appPassword: 's3cret',
      port: 8080,
      host: '0.0.0.0',
    });
  });

  it('accepts a user-assigned managed identity without a password', () => {
    const env = { MicrosoftAppId: APP, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT };

    expect(parseTeamsConfig(env).config).toMatchObject({ mode: 'authenticated', appType: 'UserAssignedMSI' });
  });

  it('rejects MultiTenant with a clear message', () => {
    const env = {
      MicrosoftAppId: APP,
      MicrosoftAppPassword: 'x',
      MicrosoftAppType: 'MultiTenant',
      MicrosoftAppTenantId: TENANT,
    };

    expect(parseTeamsConfig(env).problems).toEqual([
      'MicrosoftAppType MultiTenant is deprecated for new Azure Bots: register the bot as SingleTenant or UserAssignedMSI',
    ]);
  });

  it('reports every problem by variable name and never echoes a value', () => {
    const env = { MicrosoftAppId: 'my-secret-ish-id', MicrosoftAppType: 'SingleTenant', PORT: '99999' };

    const { problems } = parseTeamsConfig(env);

    expect(problems).toEqual([
      'PORT is not a port number (expected an integer from 1 to 65535)',
      'MicrosoftAppId is not a GUID (expected the Application (client) ID of the app registration)',
      'MicrosoftAppTenantId is missing (expected the Directory (tenant) ID the bot is registered in)',
      'MicrosoftAppPassword is missing (SingleTenant needs the client secret of the app registration)',
    ]);
    expect(problems.join(' ')).not.toContain('my-secret-ish-id');
  });

  it('flags Teams settings that are set without an app id', () => {
    expect(parseTeamsConfig({ MicrosoftAppPassword: 'x' }).problems).toEqual([
      'MicrosoftAppPassword is set but MicrosoftAppId is missing',
    ]);
  });
});
