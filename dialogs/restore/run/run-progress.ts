import type { Reply } from '../../../bot/model.js';
import type { Clock } from '../../../bot/ports/clock.js';
import type { Logger } from '../../../bot/ports/logger.js';
import type { Messenger } from '../../../bot/ports/messenger.js';
import type { RunRecord } from './restore-run-record.js';
import { progressReply } from './run-replies.js';

/**
 * Sends a run's one progress message the first time and edits it afterwards; returns the run with the
 * message it sent. A channel failure never stops the restore: it is logged, and the next step tries again.
 */
export async function sendProgress(
  deps: { messenger: Messenger; logger: Logger; clock: Clock },
  run: RunRecord,
  status: string,
): Promise<RunRecord> {
  const reply: Reply = progressReply(run, status, deps.clock.now());
  const { messenger, logger } = deps;
  try {
    if (run.message) {
      await messenger.update(run.message, reply);
      return run;
    }
  } catch (err) {
    logger.warn({ err, runId: run.id }, 'restore.progress.updateFailed');
  }
  try {
    const sent = await messenger.send(run.address, reply);
    return { ...run, message: { address: run.address, messageId: sent.messageId } };
  } catch (err) {
    logger.warn({ err, runId: run.id }, 'restore.progress.sendFailed');
    return run;
  }
}
