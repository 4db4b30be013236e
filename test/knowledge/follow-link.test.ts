import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLinksOnline } from '../../knowledge/check-links-online.js';
import { followLink } from '../../knowledge/follow-link.js';
import { freePort } from '../support/free-port.js';

/** A small site on loopback: a page, a moved page (two hops), a locale redirect, a dead page, a loop. */
const routes: Record<string, [number, string?]> = {
  '/azure/page': [200],
  '/en-us/azure/page': [200],
  '/azure/old': [301, '/azure/older'],
  '/azure/older': [302, '/azure/page'],
  '/azure/plain': [302, '/en-us/azure/page'],
  '/azure/localized': [302, '/en-us/azure/localized'],
  '/en-us/azure/localized': [200],
  '/azure/gone': [404],
  '/azure/moved-to-gone': [301, '/azure/gone'],
  '/azure/loop': [302, '/azure/loop'],
};

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const [status, location] = routes[req.url ?? ''] ?? [404];
    res.writeHead(status, location ? { location } : {});
    res.end('body');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const follow = (path: string) => followLink(`${base}${path}`, { fetch: globalThis.fetch, maxHops: 4 });

describe('following a link (kb:check --online)', () => {
  it('finds a page that answers, also after a redirect that only adds the language folder', async () => {
    expect(await follow('/azure/page')).toEqual({
      kind: 'ok',
      hops: [{ url: `${base}/azure/page`, status: 200 }],
    });
    expect((await follow('/azure/localized')).kind).toBe('ok');
  });

  it('reports every hop of a link that ends on another page', async () => {
    expect(await follow('/azure/old')).toEqual({
      kind: 'redirected',
      hops: [
        { url: `${base}/azure/old`, status: 301 },
        { url: `${base}/azure/older`, status: 302 },
        { url: `${base}/azure/page`, status: 200 },
      ],
      finalUrl: `${base}/azure/page`,
    });
    expect(await follow('/azure/plain')).toMatchObject({
      kind: 'redirected',
      finalUrl: `${base}/en-us/azure/page`,
    });
  });

  it('reports a dead page, also one reached through a redirect, and a redirect loop', async () => {
    expect(await follow('/azure/gone')).toMatchObject({ kind: 'dead', status: 404 });
    expect(await follow('/azure/moved-to-gone')).toMatchObject({ kind: 'dead', status: 404 });
    expect(await follow('/azure/loop')).toMatchObject({
      kind: 'unreachable',
      reason: 'more than 4 redirects',
    });
  });

  it('says clearly when there is no network answer at all', async () => {
    const port = await freePort();
    const outcome = await followLink(`http://127.0.0.1:${port}/azure/page`, { fetch: globalThis.fetch });
    expect(outcome).toEqual({
      kind: 'unreachable',
      hops: [],
      reason: expect.stringMatching(/^127\.0\.0\.1: ECONNREFUSED/),
    });
  });

  it('names where each problem link is written, following each distinct link once', async () => {
    let calls = 0;
    const counting: typeof fetch = (input, init) => {
      calls++;
      return globalThis.fetch(input, init);
    };
    const result = await checkLinksOnline(
      [
        { file: 'a.yaml', field: 'sources.0.url', url: `${base}/azure/page` },
        { file: 'a.yaml', field: 'sources.1.url', url: `${base}/azure/gone` },
        { file: 'neighbours.yaml', field: '3.pointer.url', url: `${base}/azure/gone` },
        { file: 'b.yaml', field: 'sources.0.url', url: `${base}/azure/plain` },
      ],
      { fetch: counting },
    );
    expect(calls).toBe(4);
    expect(result).toMatchObject({ checked: 3, unreachable: 0 });
    expect(result.problems).toEqual([
      `a.yaml: sources.1.url: ${base}/azure/gone is dead: ${base}/azure/gone (404)`,
      `neighbours.yaml: 3.pointer.url: ${base}/azure/gone is dead: ${base}/azure/gone (404)`,
      `b.yaml: sources.0.url: ${base}/azure/plain redirects: ${base}/azure/plain (302) → ${base}/en-us/azure/page (200); link the page where it ends if that is the right page`,
    ]);
  });

  it('counts links that cannot be reached, with the first reason', async () => {
    const port = await freePort();
    const result = await checkLinksOnline(
      [{ file: 'a.yaml', field: 'sources.0.url', url: `http://127.0.0.1:${port}/x` }],
      { fetch: globalThis.fetch },
    );
    expect(result).toMatchObject({
      checked: 1,
      unreachable: 1,
      firstFailure: expect.stringMatching(/ECONNREFUSED/),
    });
    expect(result.problems).toEqual([
      expect.stringMatching(
        /^a\.yaml: sources\.0\.url: http:\/\/127\.0\.0\.1:\d+\/x could not be checked: 127\.0\.0\.1: ECONNREFUSED/,
      ),
    ]);
  });
});
