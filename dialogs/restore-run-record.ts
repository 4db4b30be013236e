import type { Channel, Json } from '../bot/model.js';
import type { GeoRestoreHandle, GeoRestoreRequest } from '../bot/ports/postgres-ops.js';
import type { Actor } from './restore-audit.js';

/** An Address as stored (a plain JSON shape of bot/model's Address). */
export type StoredAddress = {
  channel: Channel;
  conversationId: string;
  threadId?: string;
  ref?: Json;
  direct?: boolean;
};
export type StoredMessage = { address: StoredAddress; messageId: string };

/**
 * `queued`: confirmed, no PUT sent yet. `putting`: claimed for the PUT (a restart here cannot know
 * whether Azure got it, so it looks instead of sending again). `polling`: Azure accepted it; `handle`
 * is the SDK poller's state. `watching`: accepted but without a handle, so the new server's state is
 * watched. `done`: the outcome is posted.
 */
export type RunPhase = 'queued' | 'putting' | 'polling' | 'watching' | 'done';

export type RunRecord = {
  id: string;
  address: StoredAddress;
  request: GeoRestoreRequest;
  opKey: string;
  askedBy: Actor;
  confirmedBy: Actor;
  confirmedAt: string;
  phase: RunPhase;
  handle?: GeoRestoreHandle;
  /** The one progress message, edited in place. */
  message?: StoredMessage;
  checks: number;
  /** Failed status checks in a row (transient Azure errors). */
  failures: number;
  lastCheckedAt?: string;
  outcome?: 'succeeded' | 'failed' | 'unknown';
};

export const runPrefix = 'restore/run/';
export const runKey = (id: string) => `${runPrefix}${encodeURIComponent(id)}`;
/** Created-if-absent before the outcome is posted: a restart or a second replica never posts it twice. */
export const doneKey = (id: string) => `restore/done/${encodeURIComponent(id)}`;
export const progressKey = (id: string) => `restore/${id}`;
