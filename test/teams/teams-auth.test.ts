import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TeamsConfig } from '../../bot/config/teams.js';
import { OpenIdStub } from '../support/openid-stub.js';
import { personalMessage } from './teams-activities.js';
import { startTeamsBot, type TeamsBot } from './teams-harness.js';

const APP_ID = '00000000-0000-0000-0000-0000000000b0';
const config: TeamsConfig = {
  mode: 'authenticated',
  appId: APP_ID,
  appType: 'SingleTenant',
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  appPassword: 'not-a-real-secret',
  port: 0,
  host: '0.0.0.0',
};

describe('Teams endpoint with an app id configured', () => {
  const openid = new OpenIdStub();
  let bot: TeamsBot;
  beforeAll(async () => {
    await openid.start();
  });
  afterAll(async () => {
    await openid.stop();
  });
  beforeEach(async () => {
    bot = await startTeamsBot({
      config,
      authEndpoints: {
        ToBotFromChannelOpenIdMetadataUrl: openid.metadataUrl,
        ToBotFromEmulatorOpenIdMetadataUrl: openid.metadataUrl,
      },
    });
  });
  afterEach(async () => {
    await bot.close();
  });

  /** "silent" makes the scripted engine answer nothing, so no outbound token is needed. */
  const activity = () => personalMessage(bot.connector.serviceUrl, 'silent');

  it('answers 401 to a request with no token and sends nothing', async () => {
    const res = await bot.post(activity());

    expect(res.status).toBe(401);
    expect(bot.handler.turns).toEqual([]);
    expect(bot.connector.calls).toEqual([]);
  });

  it('answers 401 to a token signed with another key and sends nothing', async () => {
    const body = activity();
    const forged = openid.token({ aud: APP_ID, serviceurl: body.serviceUrl }, OpenIdStub.otherKey());
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);

    const res = await bot.post(body, { authorization: `Bearer ${forged}` });

    // Read before mockRestore, which forgets the calls.
    const lines = printed.mock.calls.map((args) => args.map(String).join(' '));
    printed.mockRestore();
    expect(res.status).toBe(401);
    // A short reason, not the verifier's error text.
    expect(res.body).toEqual({ error: 'unauthorized' });
    // botframework-connector prints one line of its own for a bad signature (with its public key, not
    // the token); npm start sends such lines to the JSON log (route-console.ts), not to stderr.
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(forged);
    expect(bot.handler.turns).toEqual([]);
    expect(bot.connector.calls).toEqual([]);
  });

  it('answers 401 to a genuine token that expired long ago, printing nothing to stderr', async () => {
    const body = activity();
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    const old = openid.token({ aud: APP_ID, serviceurl: body.serviceUrl, nbf: hourAgo - 60, exp: hourAgo });
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);

    const res = await bot.post(body, { authorization: `Bearer ${old}` });

    // Read before mockRestore, which forgets the calls.
    const calls = printed.mock.calls.length;
    printed.mockRestore();
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'unauthorized' });
    // botframework-connector prints the stack trace of every expired token it verifies.
    expect(calls).toBe(0);
    expect(bot.handler.turns).toEqual([]);
  });

  it("accepts a genuine token that expired within the verifier's five minutes of leeway", async () => {
    const body = activity();
    const minuteAgo = Math.floor(Date.now() / 1000) - 60;
    const token = openid.token({ aud: APP_ID, serviceurl: body.serviceUrl, exp: minuteAgo });

    const res = await bot.post(body, { authorization: `Bearer ${token}` });

    expect(res.status).toBe(200);
    expect(bot.handler.turns).toHaveLength(1);
  });

  it('answers 401 to a genuine signature for another bot', async () => {
    const body = activity();
    const token = openid.token({ aud: '11111111-1111-1111-1111-111111111111', serviceurl: body.serviceUrl });

    const res = await bot.post(body, { authorization: `Bearer ${token}` });

    expect(res.status).toBe(401);
    expect(bot.handler.turns).toEqual([]);
  });

  it('answers 401 when the token names a different serviceUrl than the activity', async () => {
    const body = activity();
    const token = openid.token({ aud: APP_ID, serviceurl: 'https://smba.trafficmanager.net/emea/' });

    const res = await bot.post(body, { authorization: `Bearer ${token}` });

    expect(res.status).toBe(401);
    expect(bot.handler.turns).toEqual([]);
  });

  it('accepts a token signed by the published key for this bot', async () => {
    const body = activity();
    const token = openid.token({ aud: APP_ID, serviceurl: body.serviceUrl });

    const res = await bot.post(body, { authorization: `Bearer ${token}` });

    expect(res.status).toBe(200);
    expect(bot.handler.turns.map((t) => t.text)).toEqual(['silent']);
  });
});
