import { createHash } from 'node:crypto';
import { isBotError } from '../../bot/errors.js';
import type { Json, Turn } from '../../bot/model.js';
import type { GeoRestoreRequest } from '../../bot/ports/postgres-ops.js';
import type { Store } from '../../bot/ports/store.js';
import type { Actor } from '../common/audit.js';

/**
 * A pending confirmation: bound to the requesting user, to a hash of the exact parameters and to a
 * one-time nonce with an expiry. It lives in the Store, so it survives a restart and is shared by replicas.
 */
export type ConfirmRecord = {
  nonce: string;
  hash: string;
  opKey: string;
  request: GeoRestoreRequest;
  askedBy: Actor;
  expiresAt: string;
  nameTyped: boolean;
  used?: { runId: string; at: string };
};

export type Rejection = 'unknown' | 'foreign' | 'altered' | 'expired' | 'superseded' | 'name-not-typed';

export type Verdict =
  | { ok: true; record: ConfirmRecord; eTag: string }
  | { ok: false; reason: 'used'; record: ConfirmRecord }
  | { ok: false; reason: Rejection };

export const confirmKey = (nonce: string) => `restore/confirm/${encodeURIComponent(nonce)}`;
/** Kept well past the expiry, so that a late click is told "expired" rather than "unknown". */
export const confirmRecordTtlMs = 24 * 60 * 60 * 1000;

/** JSON with sorted keys, so that equal parameters always hash alike. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The hash the confirmation is bound to: every parameter of the request. */
export function paramsHash(request: GeoRestoreRequest): string {
  return sha256(canonical(request));
}

/**
 * The idempotency key of the operation itself: what it creates and from what. The point in time is left
 * out on purpose, so that two summaries of the same restore still collapse into one PUT.
 */
export function opKey(request: GeoRestoreRequest): string {
  const { source, target, network } = request;
  return `restore/op/${sha256(
    canonical({
      source: source.id.toLowerCase(),
      target: {
        subscriptionId: target.subscriptionId.toLowerCase(),
        resourceGroup: target.resourceGroup.toLowerCase(),
        name: target.name,
        region: target.region,
      },
      network: network ?? null,
    }),
  )}`;
}

export function confirmValue(value: Json | undefined): { nonce: string; hash: string } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { nonce, hash } = value;
  if (typeof nonce !== 'string' || typeof hash !== 'string' || nonce.length > 200 || hash.length > 200)
    return undefined;
  return { nonce, hash };
}

function sameActor(a: Actor, turn: Turn): boolean {
  return (
    a.channel === turn.address.channel &&
    a.userId === turn.user.id &&
    a.conversationId === turn.address.conversationId
  );
}

/**
 * Checks a confirmation against its stored record and against the summary the dialog is showing
 * (`pending`: the nonce and hash in this user's dialog state, if any).
 */
export async function verifyConfirmation(
  store: Store,
  turn: Turn,
  now: Date,
  claimed: { nonce: string; hash: string },
  pending: { nonce: string; hash: string } | undefined,
  requireName: boolean,
): Promise<Verdict> {
  const doc = await store.read<ConfirmRecord>(confirmKey(claimed.nonce));
  if (!doc) return { ok: false, reason: 'unknown' };
  const record = doc.value;
  if (!sameActor(record.askedBy, turn)) return { ok: false, reason: 'foreign' };
  if (claimed.hash !== record.hash || paramsHash(record.request) !== record.hash)
    return { ok: false, reason: 'altered' };
  if (record.used) return { ok: false, reason: 'used', record };
  if (!pending || pending.nonce !== claimed.nonce) return { ok: false, reason: 'superseded' };
  if (pending.hash !== record.hash) return { ok: false, reason: 'altered' };
  if (now.getTime() > Date.parse(record.expiresAt)) return { ok: false, reason: 'expired' };
  if (requireName && !record.nameTyped) return { ok: false, reason: 'name-not-typed' };
  return { ok: true, record, eTag: doc.eTag };
}

/** One-time use: exactly one concurrent caller wins; the rest learn that it is already used. */
export async function consumeConfirmation(
  store: Store,
  verdict: { record: ConfirmRecord; eTag: string },
  runId: string,
  now: Date,
): Promise<{ won: true } | { won: false; record?: ConfirmRecord }> {
  const used: ConfirmRecord = { ...verdict.record, used: { runId, at: now.toISOString() } };
  try {
    await store.write(confirmKey(used.nonce), used, { eTag: verdict.eTag, ttlMs: confirmRecordTtlMs });
    return { won: true };
  } catch (err) {
    if (!isBotError(err, 'store.conflict')) throw err;
    const now2 = await store.read<ConfirmRecord>(confirmKey(used.nonce));
    return now2 ? { won: false, record: now2.value } : { won: false };
  }
}

export type OpRecord = { runId: string; status: 'active' | 'failed' | 'succeeded'; at: string };

/**
 * The idempotency record of the operation, created-if-absent before the PUT. A failed operation's
 * record may be taken over (with its eTag) by a new confirmation; an active or succeeded one may not.
 */
export async function claimOperation(
  store: Store,
  key: string,
  runId: string,
  now: Date,
): Promise<{ won: true } | { won: false; existing?: OpRecord }> {
  const mine: OpRecord = { runId, status: 'active', at: now.toISOString() };
  try {
    await store.write(key, mine, { ifAbsent: true });
    return { won: true };
  } catch (err) {
    if (!isBotError(err, 'store.conflict')) throw err;
  }
  const doc = await store.read<OpRecord>(key);
  if (!doc) return { won: false };
  if (doc.value.status !== 'failed') return { won: false, existing: doc.value };
  try {
    await store.write(key, mine, { eTag: doc.eTag });
    return { won: true };
  } catch (err) {
    if (!isBotError(err, 'store.conflict')) throw err;
    return { won: false };
  }
}
