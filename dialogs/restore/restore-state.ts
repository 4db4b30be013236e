import type { Escalations } from '../../bot/ports/escalations.js';
import type { GeoRestoreRequest, PostgresOps, ServerFacts } from '../../bot/ports/postgres-ops.js';
import type { RestorePolicy } from '../common/restore-policy.js';
import type { ActiveDialog, ConversationState } from '../engine/conversation-state.js';

import type { RestoreQueue } from './run/restore-runner.js';

export const restoreDialogId = 'start-restore';

export interface RestoreDialogDeps {
  ops: PostgresOps;
  restore: RestorePolicy;
  runner: RestoreQueue;
  /** How long a summary can be confirmed (default 10 minutes). */
  confirmTtlMs?: number;
  /** When set, a restore asked for by someone not allowed to start one becomes an approval ticket. */
  approvals?: Escalations;
}

/** `<source>-geo`, shortened so that it stays within 63 characters. */
export function suggestName(source: string): string {
  return `${source.slice(0, 59).replace(/-+$/, '')}-geo`;
}

/** What the dialog has gathered so far; the source's facts are kept to build the summary. */
export type Draft = {
  source: ServerFacts;
  targetRegion: string;
  targetName?: string;
  targetGroup?: string;
  subnetId?: string;
  /** Create the new server without geo-redundant backup (the source's region is down). */
  geoBackupOff?: boolean;
};

export type RestoreState =
  | { step: 'askServer'; attempts: number }
  | { step: 'askName'; draft: Draft; attempts: number }
  | { step: 'askGroup'; draft: Draft; attempts: number }
  | { step: 'askSubnet'; draft: Draft; attempts: number }
  | {
      step: 'confirm';
      draft: Draft;
      request: GeoRestoreRequest;
      nonce: string;
      hash: string;
      expiresAt: string;
    }
  | { step: 'started'; runId: string; sourceName: string; request: GeoRestoreRequest };

export function readState(state: ConversationState): RestoreState | undefined {
  const active = state.active;
  if (!active || active.dialog !== restoreDialogId) return undefined;
  return active as unknown as RestoreState;
}

export function writeState(state: ConversationState, next: RestoreState | undefined): void {
  if (next === undefined) delete state.active;
  else state.active = { dialog: restoreDialogId, ...next } as ActiveDialog;
}
