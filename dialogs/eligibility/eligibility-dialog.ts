import type { Json, Reply } from '../../bot/model.js';
import type { PostgresOps, ServerQuery } from '../../bot/ports/postgres-ops.js';
import { actorOf, appendAudit } from '../common/audit.js';
import { azureProblemReply, describeAzureProblem } from '../common/azure-problem.js';
import {
  ambiguousReply,
  askServerReply,
  notFoundReply,
  queryFromText,
  resolveServer,
  serverIdOf,
} from '../common/check-server.js';
import { info } from '../common/replies.js';
import { isAllowedUser, type RestorePolicy } from '../common/restore-policy.js';
import type { Dialog, DialogContext } from '../engine/dialog.js';
import { assessEligibility } from './eligibility-check.js';
import { checkReply, type StartOffer, unreadableReply } from './eligibility-replies.js';

export const eligibilityDialogId = 'check-eligibility';
export const checkActions = { pick: 'check.pick', run: 'check.run' } as const;

export interface EligibilityDialogDeps {
  ops: PostgresOps;
  restore: RestorePolicy;
}

/**
 * "check <server>": resolves the server across the configured subscriptions and reports each condition
 * of a geo-restore as pass / fail / warning with its reason. Reads only; every check is audited.
 */
export function eligibilityDialog(deps: EligibilityDialogDeps): Dialog {
  async function check(ctx: DialogContext, query: ServerQuery): Promise<Reply[]> {
    delete ctx.state.active;
    const askedBy = actorOf(ctx.turn);
    const label = 'name' in query ? query.name : query.resourceId;
    const audit = (outcome: string, extra: Record<string, Json | undefined> = {}) =>
      appendAudit(ctx.store, ctx.ids, ctx.now, { kind: 'check', askedBy, server: label, outcome, ...extra });
    try {
      const found = await resolveServer(deps.ops, query);
      if (found.kind === 'ambiguous') {
        await audit('ambiguous', { detail: `${found.servers.length} matches` });
        return [ambiguousReply(found.servers, checkActions.pick, label)];
      }
      if (found.kind !== 'found') {
        await audit('not-found');
        return [notFoundReply(found.kind === 'notFound' ? found.name : label)];
      }
      const result = await assessEligibility(deps.ops, found.server, ctx.now);
      await audit(result.eligible ? 'eligible' : 'not-eligible', {
        server: found.server.ref.id,
        detail: result.facts
          .filter((f) => f.status === 'fail')
          .map((f) => f.label)
          .join(', '),
      });
      ctx.state.lastCheck = {
        server: found.server.ref.name,
        facts: result.facts.map((f) => ({ label: f.label, value: f.value })),
      };
      return [checkReply(result, startOffer(ctx))];
    } catch (err) {
      const problem = describeAzureProblem(err, `checking ${label}`);
      ctx.log.warn({ code: problem.code, azure: problem.azure }, 'check.failed');
      await audit(`error:${problem.code}`, { azure: problem.azure });
      return [
        problem.code === 'azure.forbidden' && problem.azure.status === 403
          ? unreadableReply(label, problem)
          : azureProblemReply(problem, `Geo-restore check: ${label}`),
      ];
    }
  }

  function startOffer(ctx: DialogContext): StartOffer {
    if (!deps.restore.enabled) return 'writes-off';
    return isAllowedUser(deps.restore, ctx.turn) ? 'offer' : 'not-allowed';
  }

  return {
    id: eligibilityDialogId,
    intents: ['check-eligibility'],
    actionPrefix: 'check.',
    async begin(ctx) {
      const query = queryFromText(ctx.turn.text);
      if (query) return check(ctx, query);
      ctx.state.active = { dialog: eligibilityDialogId, step: 'askServer' };
      return [askServerReply('check')];
    },
    async continue(ctx) {
      if (ctx.state.active?.step !== 'askServer') return undefined;
      const query = queryFromText(ctx.turn.text);
      if (!query) {
        delete ctx.state.active;
        return undefined;
      }
      return check(ctx, query);
    },
    async onAction(ctx, action) {
      const serverId = serverIdOf(action.value);
      if (!serverId)
        return [info('That button no longer does anything. Type check <server> to start again.')];
      return check(ctx, { resourceId: serverId });
    },
  };
}
