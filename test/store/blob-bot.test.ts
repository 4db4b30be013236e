import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createContainerClient } from '../../adapters/store/blob-container-client.js';
import { BlobStore } from '../../adapters/store/blob-store.js';
import { loadConfig } from '../../bot/load-config.js';
import { openStore, SWEEP_EVERY_MS } from '../../bot/open-store.js';
import { silentLogger } from '../../bot/ports/logger.js';
import { type RunningBot, startBot } from '../../bot/start-bot.js';
import type { AuditEntry } from '../../dialogs/common/audit.js';
import { ALICE, type E2e, SoonScheduler, SUB_A, startE2e, textOf } from '../e2e/e2e-bot.js';
import { ManualScheduler } from '../restore/live-bot.js';
import { type Azurite, startAzurite } from '../support/azurite.js';
import { freePort } from '../support/free-port.js';
import { ManualClock } from '../support/manual-clock.js';
import { realMatcher } from '../support/shared-knowledge.js';

/** startBot from a configuration that says STORE=blob, against Azurite. */

let azurite: Azurite;
let e2e: E2e | undefined;
let observer: BlobStore | undefined;
beforeAll(async () => {
  azurite = await startAzurite();
}, 90_000);
afterAll(async () => azurite?.stop());
afterEach(async () => {
  await e2e?.close();
  await observer?.close();
  e2e = undefined;
  observer = undefined;
});

describe('the bot on the shared store', () => {
  it('serves a whole geo-restore conversation with its state, confirmation and audit in Blob Storage', async () => {
    const env = {
      STORE: 'blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AZURE_STORAGE_CONTAINER: 'bot-conversation',
    };
    // Another client of the same container, as a second replica would be.
    observer = await BlobStore.open({
      connectionString: azurite.connectionString,
      containerName: 'bot-conversation',
    });
    e2e = await startE2e({ storeFromConfig: { env, observe: observer } });
    e2e.arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-prod', name: 'pg-orders' });
    e2e.arm.scriptRestores({ pollsUntilDone: 1, retryAfterSeconds: 5 });
    const me = e2e.as(ALICE, 'D1');

    const { reply: askName } = await me.slash('restore pg-orders');
    const askGroup = await (await me.click(askName, 'Use pg-orders-geo')).reply();
    const summary = await (await me.click(askGroup, 'restore.group')).reply();
    expect(textOf(summary)).toMatch(/^Confirm the geo-restore of pg-orders/);
    const named = await me.dm('pg-orders');
    expect(textOf(named)).toMatch(/^Name confirmed\./);
    await me.click(named, 'Start geo-restore');
    const completed = () =>
      e2e?.messages().filter((c) => textOf(c).startsWith('Geo-restore complete\n')) ?? [];
    await e2e.stub.until(() => completed().length === 1);

    expect(e2e.puts()).toBe(1);
    await vi.waitFor(async () =>
      expect((await observer?.list<AuditEntry>('audit/'))?.map((r) => r.value.kind)).toEqual([
        'check',
        'restore.confirmed',
        'restore.started',
        'restore.succeeded',
      ]),
    );
    expect((await observer.list('conv/slack/')).length).toBeGreaterThan(0);
  }, 90_000);
});

describe('readiness on the shared store', () => {
  let bot: RunningBot | undefined;
  let late: Azurite | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'grb-blob-ready-'));
  afterAll(async () => {
    await bot?.close();
    await late?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /readyz 503 until the storage account answers, then creates the container and is ready', async () => {
    const storagePort = await freePort();
    const config = loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      STORE: 'blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString.replace(/:\d+\//, `:${storagePort}/`),
      AZURE_STORAGE_CONTAINER: 'late-account',
    });
    const port = await freePort();
    const starting = startBot(config, {
      logger: silentLogger,
      port,
      scheduler: new SoonScheduler(),
      matcher: realMatcher(),
    });
    const readyz = () =>
      fetch(`http://127.0.0.1:${port}/readyz`)
        .then((r) => r.status)
        .catch(() => 0);
    await vi.waitFor(async () => expect(await readyz()).toBe(503), { timeout: 60_000, interval: 50 });

    late = await startAzurite({ port: storagePort });
    bot = await starting;

    expect(await readyz()).toBe(200);
    expect(
      await createContainerClient({
        connectionString: late.connectionString,
        containerName: 'late-account',
      }).exists(),
    ).toBe(true);
  }, 90_000);
});

describe('sweeping the shared store', () => {
  it('deletes expired documents every hour on its scheduler and stops when closed', async () => {
    const clock = new ManualClock();
    const sweeps = new ManualScheduler();
    const containerName = 'swept';
    const opened = await openStore(
      {
        core: loadConfig({}).core,
        azure: { restore: { enabled: false, allowedUsers: [] } },
        store: { kind: 'blob', containerName, connectionString: azurite.connectionString },
      },
      { clock, logger: silentLogger, scheduler: new SoonScheduler(), sweepScheduler: sweeps },
    );
    await opened.connect();
    await opened.store.write('slack/dedupe/1', true, { ttlMs: 1000 });
    await opened.store.write('conv/1', { step: 'askServer' });
    clock.advance(2000);
    const blobs = async () => {
      const names: string[] = [];
      const container = createContainerClient({ connectionString: azurite.connectionString, containerName });
      for await (const b of container.listBlobsFlat()) names.push(b.name);
      return names.length;
    };
    expect(await blobs()).toBe(2);

    expect(sweeps.fire()).toBe(1);
    await vi.waitFor(async () => expect(await blobs()).toBe(1));
    await vi.waitFor(() => expect(sweeps.waiting).toBe(1));
    expect(sweeps.delays).toEqual([SWEEP_EVERY_MS]);

    await opened.close();
    expect(sweeps.waiting).toBe(0);
  });
});
