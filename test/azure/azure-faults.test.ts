import { request as httpsRequest } from 'node:https';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverRef } from '../../bot/azure-rules/server-resource-id.js';
import { ArmLoopback } from '../support/arm-loopback/arm-loopback.js';
import { loopbackOps, SUB_A } from './loopback-ops.js';

const ref = serverRef('flexible-server', SUB_A, 'rg', 'pg-orders');

describe('Azure faults mapped to our error codes', () => {
  let arm: ArmLoopback;
  beforeEach(async () => {
    arm = await ArmLoopback.start();
    arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg', name: 'pg-orders' });
  });
  afterEach(() => arm.close());

  it('maps 403 on a read to azure.forbidden naming the Reader role, keeping code, status and ids', async () => {
    arm.fail('flexible.get', { status: 403 });
    const { ops } = loopbackOps(arm);

    const error = await ops.getServer(ref).catch((e: unknown) => e);

    expect(error).toMatchObject({
      code: 'azure.forbidden',
      requiredRole: 'reader',
      azure: {
        code: 'AuthorizationFailed',
        status: 403,
        requestId: expect.any(String),
        correlationId: expect.any(String),
      },
    });
    expect((error as Error).message).toContain('Reader role');
    expect((error as Error).message).not.toContain('Injected');
  });

  it('maps 404 outside a server GET to azure.notFound', async () => {
    arm.fail('capabilities', { status: 404, code: 'LocationNotFound' });
    const { ops } = loopbackOps(arm);

    await expect(ops.capabilities('nowhere')).rejects.toMatchObject({
      code: 'azure.notFound',
      azure: { code: 'LocationNotFound', status: 404 },
    });
  });

  it('maps 409 to azure.conflict', async () => {
    arm.fail('flexible.get', { status: 409, code: 'MissingSubscriptionRegistration' });
    const { ops } = loopbackOps(arm);

    await expect(ops.getServer(ref)).rejects.toMatchObject({
      code: 'azure.conflict',
      azure: { status: 409 },
    });
  });

  it('lets the SDK retry a 429 after Retry-After, then answers', async () => {
    arm.fail('flexible.get', { status: 429, retryAfterSeconds: 0, times: 1 });
    const { ops } = loopbackOps(arm);

    const facts = await ops.getServer(ref);

    expect(facts?.ref.name).toBe('pg-orders');
    expect(arm.count('flexible.get')).toBe(2);
    const ids = arm.requests.map((r) => r.headers['x-ms-client-request-id']);
    expect(ids[0]).toBe(ids[1]);
  });

  it('maps a 429 that outlasts the retries to azure.throttled with Retry-After', async () => {
    arm.fail('flexible.get', { status: 429, retryAfterSeconds: 0 });
    const { ops } = loopbackOps(arm);

    await expect(ops.getServer(ref)).rejects.toMatchObject({
      code: 'azure.throttled',
      azure: { code: 'TooManyRequests', status: 429, retryAfterMs: 0 },
    });
    expect(arm.count('flexible.get')).toBe(3);
  });

  it('maps 500 to azure.unavailable after the SDK retries', async () => {
    arm.fail('flexible.list', { status: 500 });
    const { ops } = loopbackOps(arm, { subscriptionIds: [SUB_A] });

    await expect(ops.findServers({ name: 'pg-orders' })).rejects.toMatchObject({
      code: 'azure.unavailable',
      azure: { code: 'InternalServerError', status: 500 },
    });
    expect(arm.count('flexible.list')).toBe(3);
  });

  it('waits for a slow answer and still returns it', async () => {
    arm.fail('flexible.get', { delayMs: 300 });
    const { ops } = loopbackOps(arm);

    expect((await ops.getServer(ref))?.state).toBe('Ready');
  });

  it('maps an unavailable credential to azure.notConfigured', async () => {
    const unavailable = {
      getToken: async () => {
        const err = new Error('no identity here');
        err.name = 'CredentialUnavailableError';
        throw err;
      },
    };
    const { ops } = loopbackOps(arm, { credentials: { read: unavailable } });

    await expect(ops.getServer(ref)).rejects.toMatchObject({ code: 'azure.notConfigured' });
    expect(arm.requests).toHaveLength(0);
  });

  it('rejects a request without a Bearer token', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = httpsRequest(`${arm.url}${ref.id}?api-version=2025-08-01`, { ca: arm.ca }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end();
    });

    expect(status).toBe(401);
    expect(arm.requests[0]?.headers.authorization).toBeUndefined();
  });
});
