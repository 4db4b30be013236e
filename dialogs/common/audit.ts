import { isBotError } from '../../bot/errors.js';
import type { Address, Channel, Json, Turn } from '../../bot/model.js';
import type { Ids } from '../../bot/ports/clock.js';
import type { AzureErrorInfo } from '../../bot/ports/postgres-ops.js';
import type { Store } from '../../bot/ports/store.js';
import { indexAuditRow } from './audit-day-index.js';

/** Who did something: the immutable platform user id within its channel and conversation. */
export type Actor = { channel: Channel; userId: string; conversationId: string; threadId?: string };

export type AuditKind =
  | 'check'
  | 'restore.refused'
  | 'restore.summarised'
  | 'restore.confirmation-rejected'
  | 'restore.confirmed'
  | 'restore.started'
  | 'restore.succeeded'
  | 'restore.failed';

/** One append-only row of the audit log of live operations. */
export type AuditEntry = {
  kind: AuditKind;
  at: string;
  outcome: string;
  askedBy?: Actor;
  confirmedBy?: Actor;
  server?: string;
  params?: Json;
  azure?: AzureErrorInfo;
  runId?: string;
  detail?: string;
};

export const auditPrefix = 'audit/';

export function actorOf(turn: Turn): Actor {
  return actorAt(turn.address, turn.user.id);
}

export function actorAt(address: Address, userId: string): Actor {
  return {
    channel: address.channel,
    userId,
    conversationId: address.conversationId,
    ...(address.threadId ? { threadId: address.threadId } : {}),
  };
}

/**
 * Appends a row under `audit/<iso time>/<id>`, created-if-absent so that nothing is ever overwritten;
 * keys sort by time, so `store.list('audit/')` reads the log in order. The day's index
 * (`audit-day/<day>`) lists it too; a retried append of the same key (a conflict) still makes sure of that.
 */
export async function appendAudit(
  store: Store,
  ids: Ids,
  at: Date,
  entry: Omit<AuditEntry, 'at'>,
): Promise<void> {
  const row: AuditEntry = { ...entry, at: at.toISOString() };
  const key = `${auditPrefix}${row.at}/${ids.next()}`;
  try {
    await store.write(key, row, { ifAbsent: true });
  } catch (err) {
    if (isBotError(err, 'store.conflict')) await indexAuditRow(store, key, row);
    throw err;
  }
  await indexAuditRow(store, key, row);
}
