import type { Json, Reply } from '../../bot/model.js';
import type { ServerQuery } from '../../bot/ports/postgres-ops.js';
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
import { stringField } from '../common/json-fields.js';
import { info, staleButtonReply } from '../common/replies.js';
import { assessEligibility } from '../eligibility/index.js';
import type { Dialog, DialogContext } from '../engine/dialog.js';
import { chooseGroup, chooseName, chooseSubnet } from './restore-choices.js';
import { confirmKey, confirmValue } from './restore-confirmation.js';
import { refuse } from './restore-refusal.js';
import { askNameReply, notEligibleReply, rejectedReply, restoreActions } from './restore-replies.js';
import { alreadyStarted, confirmAndQueue } from './restore-start.js';
import {
  type Draft,
  type RestoreDialogDeps,
  readState,
  restoreDialogId,
  suggestName,
  writeState,
} from './restore-state.js';
import { summarise, typedName } from './restore-summary.js';

/** One word (a name, a resource group, a resource id): anything longer is a question for the engine. */
function oneToken(text: string): string | undefined {
  const t = text.trim().replace(/[.!?]+$/, '');
  return /^\S+$/.test(t) ? t : undefined;
}

/**
 * "restore <server>": resolve → eligibility → new name → (paired) region → resource group → subnet when
 * private → a summary confirmed by typing the source's name and clicking Start. Only the runner talks
 * to Azure after that; this turn answers at once.
 */
export function restoreDialog(deps: RestoreDialogDeps): Dialog {
  async function open(ctx: DialogContext, query: ServerQuery | undefined): Promise<Reply[]> {
    const label = query ? ('name' in query ? query.name : query.resourceId) : undefined;
    const refused = await refuse(ctx, deps, label);
    if (refused) return refused;
    if (!query || !label) {
      writeState(ctx.state, { step: 'askServer', attempts: 0 });
      return [askServerReply('restore')];
    }
    writeState(ctx.state, undefined);
    const audit = (outcome: string, extra: Record<string, Json | undefined> = {}) =>
      appendAudit(ctx.store, ctx.ids, ctx.now, {
        kind: 'check',
        askedBy: actorOf(ctx.turn),
        server: label,
        outcome,
        detail: 'before a geo-restore',
        ...extra,
      });
    try {
      const found = await resolveServer(deps.ops, query);
      if (found.kind === 'ambiguous') {
        await audit('ambiguous');
        return [ambiguousReply(found.servers, restoreActions.pick, label)];
      }
      if (found.kind !== 'found') {
        await audit('not-found');
        return [notFoundReply(found.kind === 'notFound' ? found.name : label)];
      }
      const result = await assessEligibility(deps.ops, found.server, ctx.now);
      await audit(result.eligible ? 'eligible' : 'not-eligible', { server: found.server.ref.id });
      if (!result.eligible || !result.pairedRegion) return [notEligibleReply(found.server, result.facts)];
      const draft: Draft = { source: found.server, targetRegion: result.pairedRegion };
      writeState(ctx.state, { step: 'askName', draft, attempts: 0 });
      return [askNameReply(found.server, result.pairedRegion, suggestName(found.server.ref.name))];
    } catch (err) {
      const problem = describeAzureProblem(err, `looking up ${label}`);
      await audit(`error:${problem.code}`, { azure: problem.azure });
      return [azureProblemReply(problem, `Geo-restore of ${label}`)];
    }
  }

  return {
    id: restoreDialogId,
    intents: ['start-restore'],
    actionPrefix: 'restore.',
    begin: (ctx) => open(ctx, queryFromText(ctx.turn.text)),
    async continue(ctx) {
      const st = readState(ctx.state);
      const token = oneToken(ctx.turn.text);
      if (!st) return undefined;
      switch (st.step) {
        case 'askServer': {
          const query = queryFromText(ctx.turn.text);
          return query ? open(ctx, query) : undefined;
        }
        case 'askName':
          return token ? chooseName(ctx, deps, st, token) : undefined;
        case 'askGroup':
          return token ? chooseGroup(ctx, deps, st, token) : undefined;
        case 'askSubnet':
          return token ? chooseSubnet(ctx, deps, st, token) : undefined;
        case 'confirm':
          return token ? typedName(ctx, st, token) : undefined;
        case 'started':
          return token === st.sourceName ? alreadyStarted(ctx, st.runId, st.request) : undefined;
      }
    },
    async onAction(ctx, action) {
      const st = readState(ctx.state);
      switch (action.id) {
        case restoreActions.start:
        case restoreActions.pick: {
          const serverId = serverIdOf(action.value);
          return serverId
            ? open(ctx, { resourceId: serverId })
            : [info('That button no longer works. Type restore <server>.')];
        }
        case restoreActions.name: {
          const name = stringField(action.value, 'name', 200);
          if (st?.step !== 'askName' || !name)
            return [info('That choice is no longer open. Type restore <server> to start again.')];
          return chooseName(ctx, deps, st, name);
        }
        case restoreActions.group: {
          const group = stringField(action.value, 'resourceGroup', 200);
          if (st?.step !== 'askGroup' || !group)
            return [info('That choice is no longer open. Type restore <server> to start again.')];
          return chooseGroup(ctx, deps, st, group);
        }
        case restoreActions.confirm: {
          const claimed = confirmValue(action.value);
          if (!claimed) return [rejectedReply('altered')];
          return confirmAndQueue(ctx, deps, claimed, st);
        }
        case restoreActions.geoBackupOff: {
          if (st?.step !== 'confirm' || stringField(action.value, 'nonce', 200) !== st.nonce)
            return [info('That choice is no longer open. Type restore <server> to start again.')];
          await ctx.store.delete(confirmKey(st.nonce));
          return summarise(ctx, deps, { ...st.draft, geoBackupOff: true });
        }
        case restoreActions.cancel: {
          if (
            st?.step !== 'confirm' &&
            st?.step !== 'askName' &&
            st?.step !== 'askGroup' &&
            st?.step !== 'askSubnet' &&
            st?.step !== 'askServer'
          )
            return [info('There is nothing to cancel; no restore is waiting for you.')];
          if (st.step === 'confirm') await ctx.store.delete(confirmKey(st.nonce));
          writeState(ctx.state, undefined);
          return [info('Cancelled. Nothing was started.')];
        }
      }
      return [staleButtonReply()];
    },
  };
}
