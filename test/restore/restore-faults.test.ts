import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../bot/model.js';
import { addOrders, confirm, type LiveBot, startLiveBot, toSummary } from './live-bot.js';

const fact = (reply: Reply | undefined, label: string) => reply?.facts?.find((f) => f.label === label);

describe('Azure faults during a geo-restore: a clear message and an audit row each', () => {
  let live: LiveBot;
  beforeEach(async () => {
    live = await startLiveBot();
    addOrders(live.arm);
  });
  afterEach(() => live.close());

  async function restoreAndSettle(): Promise<Reply | undefined> {
    const summary = await toSummary(live);
    await confirm(live, summary);
    await live.settle();
    const failed = live.messenger.titled('Geo-restore failed');
    expect(failed).toHaveLength(1);
    expect(live.messenger.titled('Geo-restore complete')).toHaveLength(0);
    return failed[0];
  }

  it('names the missing restore role when the PUT is denied (403)', async () => {
    live.arm.fail('flexible.put', { status: 403 });

    const failed = await restoreAndSettle();

    expect(failed?.summary).toBe(
      'Azure did not allow starting the geo-restore (Azure code AuthorizationFailed).',
    );
    expect(failed?.text).toMatch(/missing the custom geo-restore role on the target resource group/);
    expect(fact(failed, 'Correlation id')?.value).toMatch(/^[0-9a-f-]{36}$/);
    expect(failed?.buttons?.map((b) => b.label)).toEqual(['Talk to a person']);
    expect((await live.audit()).at(-1)).toMatchObject({
      kind: 'restore.failed',
      outcome: 'failed:azure.forbidden',
      azure: { code: 'AuthorizationFailed', status: 403, correlationId: expect.any(String) },
    });
  });

  it('says what could not be found when the PUT answers 404', async () => {
    live.arm.fail('flexible.put', { status: 404, code: 'ResourceGroupNotFound' });

    const failed = await restoreAndSettle();

    expect(failed?.summary).toBe(
      'Azure could not find something needed for starting the geo-restore (Azure code ResourceGroupNotFound).',
    );
    expect(failed?.text).toMatch(/resource group, subscription or source server does not exist/);
    expect((await live.audit()).at(-1)).toMatchObject({
      outcome: 'failed:azure.notFound',
      azure: { code: 'ResourceGroupNotFound', status: 404 },
    });
  });

  it('explains a conflict when the PUT answers 409', async () => {
    live.arm.fail('flexible.put', { status: 409, code: 'ServerAlreadyExists' });

    const failed = await restoreAndSettle();

    expect(failed?.summary).toMatch(/Azure refused starting the geo-restore because of a conflicting state/);
    expect(fact(failed, 'Azure error code')?.value).toBe('ServerAlreadyExists');
    expect((await live.audit()).at(-1)).toMatchObject({ outcome: 'failed:azure.conflict' });
  });

  it('says Azure is throttling, and how long to wait, when the PUT keeps answering 429 with Retry-After', async () => {
    live.arm.fail('flexible.put', { status: 429, retryAfterSeconds: 0 });

    const failed = await restoreAndSettle();

    expect(failed?.summary).toMatch(/Azure is throttling requests right now/);
    expect(failed?.text).toMatch(/Azure asked to wait 1 second/);
    expect((await live.audit()).at(-1)).toMatchObject({
      outcome: 'failed:azure.throttled',
      azure: { status: 429, retryAfterMs: 0 },
    });
  });

  it('says Azure did not answer properly when the PUT answers 500, without Azure text', async () => {
    live.arm.fail('flexible.put', { status: 500, message: 'internal detail' });

    const failed = await restoreAndSettle();

    expect(failed?.summary).toMatch(
      /Azure did not answer properly while starting the geo-restore \(HTTP 500\)/,
    );
    expect(JSON.stringify(live.messenger.sent)).not.toMatch(/internal detail/);
    expect((await live.audit()).at(-1)).toMatchObject({ outcome: 'failed:azure.unavailable' });
  });

  it('posts the Azure error code and correlation id when the operation ends Failed', async () => {
    live.arm.scriptRestores({
      pollsUntilDone: 1,
      fail: { code: 'GeoRestoreFailed', message: 'raw azure text' },
    });

    const failed = await restoreAndSettle();

    const started = (await live.audit()).find((r) => r.kind === 'restore.started');
    expect(failed?.summary).toBe(
      'The geo-restore of pg-orders to pg-orders-geo failed in Azure (Azure code GeoRestoreFailed).',
    );
    expect(fact(failed, 'Azure error code')?.value).toBe('GeoRestoreFailed');
    expect(fact(failed, 'Correlation id')?.value).toBe(started?.azure?.correlationId);
    expect(JSON.stringify(failed)).not.toMatch(/raw azure text/);
    expect(failed?.buttons?.map((b) => b.label)).toEqual(['Talk to a person']);
    expect((await live.audit()).at(-1)).toMatchObject({
      kind: 'restore.failed',
      outcome: 'failed:azure.failed',
      azure: { code: 'GeoRestoreFailed' },
    });
    expect(live.puts()).toBe(1);
  });

  it('lets a new confirmation to the same target start after a failed one', async () => {
    live.arm.fail('flexible.put', { status: 409, times: 1 });
    await restoreAndSettle();

    const summary = await toSummary(live);
    const [started] = await confirm(live, summary);
    await live.settle();

    expect(started?.summary).toMatch(/^Geo-restore started/);
    expect(live.messenger.titled('Geo-restore complete')).toHaveLength(1);
  });

  it('keeps going after status polls throttled with Retry-After, waiting as asked', async () => {
    live.arm.scriptRestores({ pollsUntilDone: 2 });
    live.arm.fail('asyncOperation', { status: 429, retryAfterSeconds: 0, times: 3 });
    const summary = await toSummary(live);
    await confirm(live, summary);

    await live.settle();

    expect(live.messenger.titled('Geo-restore complete')).toHaveLength(1);
    expect(live.puts()).toBe(1);
  });

  it('answers a 500 while looking up the server before a restore with a clear message and an audit row', async () => {
    live.arm.fail('flexible.list', { status: 500 });

    const [reply] = await live.from('U1').send('restore pg-orders');

    expect(reply?.kind).toBe('error');
    expect(reply?.summary).toMatch(/Azure did not answer properly while looking up pg-orders \(HTTP 500\)/);
    expect((await live.audit()).at(-1)).toMatchObject({ kind: 'check', outcome: 'error:azure.unavailable' });
    expect(live.puts()).toBe(0);
  });
});
