import { join } from 'node:path';
import type { BlobStore } from '../adapters/store/blob-store.js';
import { LevelStore } from '../adapters/store/level-store.js';
import { isBotError } from './errors.js';
import type { BotConfig } from './load-config.js';
import type { Clock } from './ports/clock.js';
import type { Logger } from './ports/logger.js';
import { type Scheduler, timerScheduler } from './ports/scheduler.js';
import type { Store } from './ports/store.js';

export interface OpenedStore {
  store: Store;
  /**
   * Resolves once the store answers; until then the bot is not ready. Then sweeps hourly, each time
   * after `beforeSweep` (the retention's housekeeping), which is built last, with everything else.
   */
  connect(beforeSweep?: () => Promise<void>): Promise<void>;
  /** Stops background work (the sweep of expired documents) and closes the store. */
  close(): Promise<void>;
}

/** Waits between attempts to reach the shared store: 1 s, doubling up to 30 s. */
const MAX_WAIT_MS = 30_000;
/**
 * How often each replica deletes expired documents (dedupe records, cards, leases), from either store;
 * conditional, so any replica may.
 */
export const SWEEP_EVERY_MS = 60 * 60 * 1000;

export interface OpenStoreDeps {
  clock: Clock;
  logger: Logger;
  /** Waits between attempts to reach the store. */
  scheduler: Scheduler;
  /** Times the sweeps; real timers by default (tests of the bot never wait an hour). */
  sweepScheduler?: Scheduler;
}

/**
 * The configured Store. The embedded one opens at once (or fails: another process holds the folder).
 * The shared one is built at once but connected later, after the HTTP server listens, so that a
 * storage account that is slow to answer (or an identity whose role assignment has not propagated
 * yet) shows as /readyz 503 and a log line with the reason, retried until it answers.
 */
export async function openStore(
  config: Pick<BotConfig, 'core' | 'store' | 'azure'>,
  deps: OpenStoreDeps,
): Promise<OpenedStore> {
  const { store, reachable } = await build(config, deps);
  let cancel: (() => void) | undefined;
  let closed = false;
  let before: (() => Promise<void>) | undefined;
  const sweepLater = () => {
    cancel = (deps.sweepScheduler ?? timerScheduler).after(SWEEP_EVERY_MS, () => {
      (before ?? (async () => {}))()
        .then(() => store.sweep())
        .then((swept) => deps.logger.info({ swept }, 'store.swept'))
        .catch((err: unknown) => deps.logger.warn({ reason: String(err) }, 'store.sweepFailed'))
        .finally(() => {
          if (!closed) sweepLater();
        });
    });
  };
  return {
    store,
    async connect(beforeSweep) {
      before = beforeSweep;
      await reachable();
      if (!closed) sweepLater();
    },
    async close() {
      closed = true;
      cancel?.();
      await store.close();
    },
  };
}

/** The store of the configured kind, and a wait until it answers. */
async function build(
  config: Pick<BotConfig, 'core' | 'store' | 'azure'>,
  deps: OpenStoreDeps,
): Promise<{ store: Store; reachable: () => Promise<void> }> {
  if (config.store.kind === 'level') {
    const store = await LevelStore.open(join(config.core.dataDir, 'store'), { clock: deps.clock });
    return { store, reachable: async () => {} };
  }
  // @azure/storage-blob is loaded only for the shared store.
  const { blobStoreFromConfig } = await import('../adapters/store/blob-store-from-config.js');
  const authorityHost = config.azure.config?.cloud.authorityHost;
  const store = blobStoreFromConfig(config.store, {
    clock: deps.clock,
    ...(authorityHost ? { authorityHost } : {}),
  });
  const kind = config.store.kind;
  return { store, reachable: () => untilAnswering(store, kind, deps) };
}

async function untilAnswering(
  store: BlobStore,
  kind: string,
  deps: { logger: Logger; scheduler: Scheduler },
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await store.ensureContainer();
      deps.logger.info({ store: kind, attempt }, 'store.connected');
      return;
    } catch (err) {
      if (!isBotError(err, 'store.unavailable')) throw err;
      const waitMs = Math.min(MAX_WAIT_MS, 1000 * 2 ** Math.min(attempt - 1, 5));
      deps.logger.warn({ store: kind, attempt, waitMs, reason: err.message }, 'store.unavailable');
      await new Promise<void>((resolve) => deps.scheduler.after(waitMs, resolve));
    }
  }
}
