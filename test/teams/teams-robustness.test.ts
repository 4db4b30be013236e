import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../bot/http/http-server.js';
import { silentLogger } from '../../bot/ports/logger.js';
import { personalMessage } from './teams-activities.js';
import { startTeamsBot, type TeamsBot } from './teams-harness.js';

describe('Teams endpoint with bad input', () => {
  let bot: TeamsBot;
  afterEach(async () => {
    await bot.close();
  });

  it('answers 400 to malformed JSON and keeps serving', async () => {
    bot = await startTeamsBot();

    const res = await bot.post('{"type": "message", "text": ');

    expect(res).toEqual({ status: 400, body: { error: 'malformed request body' } });
    const health = await fetch(`${bot.url}/healthz`);
    expect(health.status).toBe(200);
    await bot.post(personalMessage(bot.connector.serviceUrl, 'geo restore'));
    expect(bot.connector.messages()).toHaveLength(1);
  });

  it('answers 400 to a body that is not an activity', async () => {
    bot = await startTeamsBot();

    const array = await bot.post('[1, 2, 3]');
    const wrongTypes = await bot.post({ type: 42, serviceUrl: bot.connector.serviceUrl, text: ['x'] });
    const plain = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      body: 'hello',
      headers: { 'content-type': 'text/plain' },
    });

    expect([array.status, wrongTypes.status, plain.status]).toEqual([400, 400, 400]);
    expect(bot.handler.turns).toEqual([]);
  });

  it('answers 415 to a compressed body or another charset, and 400 to bytes that are not UTF-8', async () => {
    bot = await startTeamsBot();
    const activity = JSON.stringify(personalMessage(bot.connector.serviceUrl, 'geo restore'));
    const post = (body: string | Uint8Array, headers: Record<string, string>) =>
      fetch(`${bot.url}/api/messages`, { method: 'POST', body, headers }).then(async (r) => {
        const text = await r.text();
        return [r.status, text ? JSON.parse(text) : undefined];
      });

    const gzip = await post(activity, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    const latin1 = await post(activity, { 'content-type': 'application/json; charset=latin1' });
    const quotedUtf8 = await post(activity, { 'content-type': 'application/json; charset="UTF-8"' });
    const broken = await post(
      Buffer.concat([Buffer.from(activity.slice(0, -2)), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
      { 'content-type': 'application/json' },
    );

    expect(gzip).toEqual([415, { error: 'unsupported content type or encoding' }]);
    expect(latin1).toEqual([415, { error: 'unsupported content type or encoding' }]);
    expect(quotedUtf8[0]).toBe(200);
    expect(broken).toEqual([400, { error: 'malformed request body' }]);
    expect(bot.handler.turns).toHaveLength(1);
  });

  it('hands a 100 KB message to the engine whole: the engine alone refuses it, as on every channel', async () => {
    bot = await startTeamsBot();

    const res = await bot.post(personalMessage(bot.connector.serviceUrl, 'geo '.repeat(25_000)));

    expect(res.status).toBe(200);
    expect(bot.handler.turns.map((t) => t.text.length)).toEqual([99_999]);
  });

  it('answers 413 to a body over the size limit', async () => {
    bot = await startTeamsBot();

    const res = await bot.post(personalMessage(bot.connector.serviceUrl, 'x'.repeat(400_000)));

    expect(res.status).toBe(413);
    expect(bot.connector.calls).toEqual([]);
  });

  it('in local mode, refuses an activity whose serviceUrl is not this machine', async () => {
    bot = await startTeamsBot();

    const res = await bot.post(personalMessage('https://smba.trafficmanager.net/emea/', 'geo restore'));

    expect(res.status).toBe(403);
    expect(bot.handler.turns).toEqual([]);
  });

  it('finishes a turn in flight on shutdown and then stops accepting', async () => {
    bot = await startTeamsBot();
    let release = () => {};
    bot.handler.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const inFlight = bot.post(personalMessage(bot.connector.serviceUrl, 'geo restore'));
    while (bot.handler.turns.length === 0) await new Promise((r) => setImmediate(r));

    const closed = bot.server.close();
    const refused = await fetch(`${bot.url}/healthz`).then(
      (r) => r.status,
      () => 'refused',
    );
    release();

    expect((await inFlight).status).toBe(200);
    await closed;
    expect([503, 'refused']).toContain(refused);
    expect(bot.connector.messages()).toHaveLength(1);
  });
});

describe('health and readiness', () => {
  it('is ready only while the readiness check passes', async () => {
    let ready = false;
    const server = createHttpServer({ logger: silentLogger, ready: () => ready });
    const { port } = await server.listen(0, '127.0.0.1');
    const readyz = () => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status);

    const before = await readyz();
    ready = true;
    const after = await readyz();
    await server.close();

    expect([before, after]).toEqual([503, 200]);
  });

  it('closes on SIGTERM and reports back', async () => {
    const server = createHttpServer({ logger: silentLogger });
    await server.listen(0, '127.0.0.1');
    const handlers = new Map<string, () => void>();
    const events = { once: (signal: string, fn: () => void) => handlers.set(signal, fn) };
    const stopped = new Promise<void>((resolve) => {
      server.closeOn(['SIGTERM'], events as unknown as Pick<NodeJS.Process, 'once'>, () => resolve());
    });

    handlers.get('SIGTERM')?.();

    await expect(stopped).resolves.toBeUndefined();
  });
});
