import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer, type NodeHandler } from '../../bot/http/http-server.js';
import { silentLogger } from '../../bot/ports/logger.js';

/** Answers with the raw bytes it read itself: proof that nothing parsed the body before it. */
const echoRaw: NodeHandler = (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end(Buffer.concat(chunks)));
};

let server: HttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(mount: Parameters<typeof createHttpServer>[0]['mounts']) {
  server = createHttpServer({ logger: silentLogger, mounts: mount ?? [], drainTimeoutMs: 5000 });
  const { port } = await server.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${port}`;
}

describe('routes', () => {
  it('give a channel POST path its raw body whatever the query string, and answer anything else 404', async () => {
    const url = await start([(routes) => routes.post('/hook', echoRaw)]);

    const plain = await fetch(`${url}/hook`, { method: 'POST', body: '{"a":1}' });
    const withQuery = await fetch(`${url}/hook?x=1`, { method: 'POST', body: 'b=2' });
    const get = await fetch(`${url}/hook`);
    const elsewhere = await fetch(`${url}/hook/more`, { method: 'POST', body: 'c' });
    const health = await fetch(`${url}/healthz?probe=1`);

    expect([plain.status, await plain.text()]).toEqual([200, '{"a":1}']);
    expect([withQuery.status, await withQuery.text()]).toEqual([200, 'b=2']);
    expect([get.status, await get.json()]).toEqual([404, { error: 'not found' }]);
    expect([elsewhere.status, await elsewhere.json()]).toEqual([404, { error: 'not found' }]);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
  });

  it('count a request as in flight: a shutdown waits for it to finish', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let arrived = false;
    const url = await start([
      (routes) =>
        routes.post('/slow', (_req, res) => {
          arrived = true;
          void gate.then(() => res.writeHead(200).end('done'));
        }),
    ]);
    const inFlight = fetch(`${url}/slow`, { method: 'POST', body: 'x' });
    while (!arrived) await new Promise((r) => setTimeout(r, 5));

    let closed = false;
    const closing = server?.close().then(() => {
      closed = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(false);
    expect(server?.inFlight()).toBe(1);
    release();

    const res = await inFlight;
    expect([res.status, await res.text()]).toEqual([200, 'done']);
    await closing;
    expect(closed).toBe(true);
  });
});
