import type { Address } from '../../../bot/model.js';
import type { SentMessage } from '../../../bot/ports/messenger.js';
import type {
  AzureErrorInfo,
  GeoRestoreHandle,
  GeoRestoreRequest,
  ServerFacts,
} from '../../../bot/ports/postgres-ops.js';
import type { Actor } from '../../common/audit.js';

/**
 * `queued`: confirmed, no PUT sent yet. `putting`: claimed for the PUT (a restart here cannot know
 * whether Azure got it, so it looks instead of sending again). `polling`: Azure accepted it; `handle`
 * is the SDK poller's state. `watching`: accepted but without a handle, so the new server's state is
 * watched. `finishing`: the outcome is decided and kept in `result`; posting it is under way (a
 * restart here posts the same outcome, never decides again). `done`: the outcome is posted.
 */
export type RunPhase = 'queued' | 'putting' | 'polling' | 'watching' | 'finishing' | 'done';

/** How a restore ended, as decided once and kept until it is posted. */
export type RunResult =
  | { status: 'succeeded'; server?: ServerFacts }
  | { status: 'failed' | 'unknown'; summary: string; advice: string; azure: AzureErrorInfo; code: string };

/**
 * `restore/done/<id>`: the claim to post a run's outcome, and the record that it was posted. Created if
 * absent by the first poster; `attemptAt` is refreshed before every send, and `sentAt` is written only
 * after the channel took the message, so a claim left unsent by a dead replica can be taken over once
 * `attemptAt` is older than a lease TTL.
 */
export type DoneRecord = {
  outcome: RunResult['status'];
  at: string;
  /** The id of the outcome's audit row, chosen once so that a retry never audits twice. */
  auditId: string;
  by: string;
  attemptAt: string;
  sentAt?: string;
  messageId?: string;
  /** Set when the channel kept refusing the message and the poster gave up. */
  gaveUpAt?: string;
};

export type RunRecord = {
  id: string;
  address: Address;
  request: GeoRestoreRequest;
  opKey: string;
  askedBy: Actor;
  confirmedBy: Actor;
  confirmedAt: string;
  phase: RunPhase;
  /** When the run was claimed for its PUT (phase `putting`): a replica taking it over looks within a window. */
  putAt?: string;
  handle?: GeoRestoreHandle;
  /** The one progress message, edited in place. */
  message?: SentMessage;
  checks: number;
  /** Failed status checks in a row (transient Azure errors). */
  failures: number;
  lastCheckedAt?: string;
  outcome?: 'succeeded' | 'failed' | 'unknown';
  /** Set with phase `finishing`. */
  result?: RunResult;
};

export const runPrefix = 'restore/run/';
/**
 * How long a finished run and its posting record stay in the store. Nothing reads them once the run
 * is done (the audit log keeps the outcome for good), but every adoption scan lists the runs: without
 * an end, each replica would read every restore ever run, every few seconds, for ever.
 */
export const finishedRunTtlMs = 30 * 24 * 60 * 60 * 1000;
export const runKey = (id: string) => `${runPrefix}${encodeURIComponent(id)}`;
/** Created-if-absent before the outcome is posted: a restart or a second replica never posts it twice. */
export const doneKey = (id: string) => `restore/done/${encodeURIComponent(id)}`;

/** How a restore that did not succeed ended, for whoever is told (support opens a ticket for it). */
export type RestoreFailure = {
  status: 'failed' | 'unknown';
  summary: string;
  code: string;
  azure: AzureErrorInfo;
};
