import { isValidResourceGroupName, serverNameProblem } from '../../bot/azure-rules/server-name-rules.js';
import type { Json, Reply } from '../../bot/model.js';
import type { Escalations } from '../../bot/ports/escalations.js';
import type { GeoRestoreRequest, PostgresOps, ServerQuery } from '../../bot/ports/postgres-ops.js';
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
import { isAllowedUser, type RestorePolicy } from '../common/restore-policy.js';
import { assessEligibility } from '../eligibility/eligibility-check.js';
import { transcriptLength } from '../engine/conversation-state.js';
import type { Dialog, DialogContext } from '../engine/dialog.js';
import { humanButton, info } from '../faq/faq-replies.js';
import { personOf } from '../handoff/handoff-relay.js';
import { approvalTtlMs } from './restore-approval.js';
import { approvalRequestedReply, summaryFacts } from './restore-approval-replies.js';
import {
  type ConfirmRecord,
  confirmKey,
  confirmRecordTtlMs,
  confirmValue,
  opKey,
  paramsHash,
  verifyConfirmation,
} from './restore-confirmation.js';
import {
  askGroupReply,
  askNameReply,
  askSubnetReply,
  badNameReply,
  nameTypedReply,
  notAllowedReply,
  notEligibleReply,
  rejectedReply,
  restoreActions,
  startedReply,
  summaryReply,
  writesOffReply,
  wrongNameReply,
} from './restore-replies.js';
import { confirmAndQueue } from './restore-start.js';
import { type Draft, type RestoreState, readState, restoreDialogId, writeState } from './restore-state.js';
import { progressKey } from './run/restore-run-record.js';
import type { RestoreQueue } from './run/restore-runner.js';

export interface RestoreDialogDeps {
  ops: PostgresOps;
  restore: RestorePolicy;
  runner: RestoreQueue;
  /** How long a summary can be confirmed (default 10 minutes). */
  confirmTtlMs?: number;
  /** When set, a restore asked for by someone not allowed to start one becomes an approval ticket. */
  approvals?: Escalations;
}

const maxAttempts = 3;
const subnetId =
  /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[\w.()-]{1,90}\/providers\/Microsoft\.Network\/virtualNetworks\/[\w.-]{2,64}\/subnets\/[\w.-]{1,80}$/i;

/** One word (a name, a resource group, a resource id): anything longer is a question for the engine. */
function oneToken(text: string): string | undefined {
  const t = text.trim().replace(/[.!?]+$/, '');
  return /^\S+$/.test(t) ? t : undefined;
}

const stringField = (value: Json | undefined, key: string): string | undefined => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value[key];
  return typeof v === 'string' && v.length <= 200 ? v : undefined;
};

const nameProblems = {
  length: 'it must be 3 to 63 characters long.',
  characters: 'only lower-case letters, digits and hyphens are allowed.',
  hyphenEdge: 'it cannot start or end with a hyphen.',
};

/**
 * "restore <server>": resolve → eligibility → new name → (paired) region → resource group → subnet when
 * private → a summary confirmed by typing the source's name and clicking Start. Only the runner talks
 * to Azure after that; this turn answers at once.
 */
export function restoreDialog(deps: RestoreDialogDeps): Dialog {
  const ttl = deps.confirmTtlMs ?? 10 * 60 * 1000;

  async function refuse(ctx: DialogContext, name: string | undefined): Promise<Reply[] | undefined> {
    const reason = !deps.restore.enabled
      ? 'writes-off'
      : !isAllowedUser(deps.restore, ctx.turn) && !deps.approvals
        ? 'not-allowed'
        : undefined;
    if (!reason) return undefined;
    writeState(ctx.state, undefined);
    await appendAudit(ctx.store, ctx.ids, ctx.now, {
      kind: 'restore.refused',
      askedBy: actorOf(ctx.turn),
      outcome: reason,
      ...(name ? { server: name } : {}),
    });
    return [reason === 'writes-off' ? writesOffReply(name) : notAllowedReply(name)];
  }

  async function open(ctx: DialogContext, query: ServerQuery | undefined): Promise<Reply[]> {
    const label = query ? ('name' in query ? query.name : query.resourceId) : undefined;
    const refused = await refuse(ctx, label);
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

  /** A wrong answer: ask again, up to a limit, then stop and offer a person. */
  function retry(ctx: DialogContext, st: Extract<RestoreState, { attempts: number }>, reply: Reply): Reply[] {
    if (st.attempts + 1 >= maxAttempts) {
      writeState(ctx.state, undefined);
      return [
        reply,
        info('Let us stop here; nothing was started. Start again with restore <server>, or ask a person.', [
          humanButton,
        ]),
      ];
    }
    writeState(ctx.state, { ...st, attempts: st.attempts + 1 } as RestoreState);
    return [reply];
  }

  async function chooseName(
    ctx: DialogContext,
    st: Extract<RestoreState, { step: 'askName' }>,
    name: string,
  ) {
    const { draft } = st;
    const suggestion = suggestName(draft.source.ref.name);
    const problem = serverNameProblem(name);
    if (problem) return retry(ctx, st, badNameReply(name, nameProblems[problem], suggestion));
    if (name === draft.source.ref.name)
      return retry(ctx, st, badNameReply(name, 'that is the source server itself.', suggestion));
    try {
      const check = await deps.ops.checkName(draft.targetRegion, name, draft.source.ref.subscriptionId);
      if (!check.available) {
        const why =
          check.reason === 'Invalid'
            ? 'Azure says it breaks the naming rules.'
            : 'that name is already taken (server names are unique across Azure).';
        return retry(ctx, st, badNameReply(name, why, `${name}-2`.slice(0, 63)));
      }
    } catch (err) {
      return [azureProblemReply(describeAzureProblem(err, `checking the name ${name}`))];
    }
    writeState(ctx.state, { step: 'askGroup', draft: { ...draft, targetName: name }, attempts: 0 });
    return [askGroupReply(name, draft.source.ref.resourceGroup)];
  }

  async function chooseGroup(
    ctx: DialogContext,
    st: Extract<RestoreState, { step: 'askGroup' }>,
    group: string,
  ) {
    if (!isValidResourceGroupName(group)) {
      return retry(
        ctx,
        st,
        info(
          `${group} is not a valid resource group name (1-90 letters, digits, _ . ( ) -, not ending with a period). Type another one.`,
        ),
      );
    }
    const draft = { ...st.draft, targetGroup: group };
    if (draft.source.network.mode === 'private') {
      writeState(ctx.state, { step: 'askSubnet', draft, attempts: 0 });
      return [askSubnetReply(draft.targetRegion)];
    }
    return summarise(ctx, draft);
  }

  async function chooseSubnet(
    ctx: DialogContext,
    st: Extract<RestoreState, { step: 'askSubnet' }>,
    id: string,
  ) {
    if (!subnetId.test(id)) {
      return retry(ctx, st, info('That is not a subnet resource id. Paste the full id, or type cancel.'));
    }
    return summarise(ctx, { ...st.draft, subnetId: id });
  }

  async function summarise(ctx: DialogContext, draft: Draft): Promise<Reply[]> {
    const refused = await refuse(ctx, draft.source.ref.name);
    if (refused) return refused;
    const { source } = draft;
    const request: GeoRestoreRequest = {
      source: source.ref,
      target: {
        subscriptionId: source.ref.subscriptionId,
        resourceGroup: draft.targetGroup ?? source.ref.resourceGroup,
        name: draft.targetName ?? suggestName(source.ref.name),
        region: draft.targetRegion,
      },
      pointInTime: ctx.now.toISOString(),
      ...(draft.subnetId ? { network: { delegatedSubnetId: draft.subnetId } } : {}),
    };
    const nonce = ctx.ids.next();
    const hash = paramsHash(request);
    const needsApproval = !isAllowedUser(deps.restore, ctx.turn) && deps.approvals !== undefined;
    const expiresAt = new Date(ctx.now.getTime() + (needsApproval ? approvalTtlMs : ttl)).toISOString();
    const record: ConfirmRecord = {
      nonce,
      hash,
      opKey: opKey(request),
      request,
      askedBy: actorOf(ctx.turn),
      expiresAt,
      nameTyped: needsApproval,
    };
    await ctx.store.write(confirmKey(nonce), record, { ifAbsent: true, ttlMs: confirmRecordTtlMs });
    if (needsApproval && deps.approvals) return askApproval(ctx, deps.approvals, draft, request, record);
    writeState(ctx.state, { step: 'confirm', draft, request, nonce, hash, expiresAt });
    return [summaryReply(source, request, { nonce, hash, expiresAt })];
  }

  async function typedName(
    ctx: DialogContext,
    st: Extract<RestoreState, { step: 'confirm' }>,
    typed: string,
  ) {
    if (typed !== st.request.source.name) return [wrongNameReply(st.request.source.name)];
    const pending = { nonce: st.nonce, hash: st.hash };
    const verdict = await verifyConfirmation(ctx.store, ctx.turn, ctx.now, pending, pending, false);
    if (!verdict.ok) {
      if (verdict.reason === 'used')
        return [startedReply(st.request, progressKey(verdict.record.used?.runId ?? ''), true)];
      writeState(ctx.state, undefined);
      return [rejectedReply(verdict.reason)];
    }
    await ctx.store.write(
      confirmKey(st.nonce),
      { ...verdict.record, nameTyped: true },
      {
        eTag: verdict.eTag,
        ttlMs: confirmRecordTtlMs,
      },
    );
    return [nameTypedReply(st.request, pending)];
  }

  async function askApproval(
    ctx: DialogContext,
    escalations: Escalations,
    draft: Draft,
    request: GeoRestoreRequest,
    record: ConfirmRecord,
  ): Promise<Reply[]> {
    writeState(ctx.state, undefined);
    const { ticket, existing } = await escalations.open({
      reason: 'approval',
      requester: personOf(ctx.turn),
      address: ctx.turn.address,
      direct: ctx.turn.address.direct === true,
      question: `Geo-restore of ${request.source.name} to ${request.target.name}`,
      considered: [],
      facts: summaryFacts(draft, request),
      transcript: ctx.state.transcript.slice(-transcriptLength),
      approval: {
        nonce: record.nonce,
        hash: record.hash,
        server: request.source.name,
        target: `${request.target.resourceGroup}/${request.target.name}`,
        region: request.target.region,
      },
    });
    await appendAudit(ctx.store, ctx.ids, ctx.now, {
      kind: 'restore.refused',
      askedBy: actorOf(ctx.turn),
      outcome: existing ? 'approval-not-opened' : 'approval-requested',
      server: request.source.id,
      detail: `ticket ${ticket.ref}`,
    });
    return [approvalRequestedReply(request, ticket.ref, existing)];
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
          return token ? chooseName(ctx, st, token) : undefined;
        case 'askGroup':
          return token ? chooseGroup(ctx, st, token) : undefined;
        case 'askSubnet':
          return token ? chooseSubnet(ctx, st, token) : undefined;
        case 'confirm':
          return token ? typedName(ctx, st, token) : undefined;
        case 'started':
          return token === st.sourceName
            ? [startedReply(st.request, progressKey(st.runId), true)]
            : undefined;
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
          const name = stringField(action.value, 'name');
          if (st?.step !== 'askName' || !name)
            return [info('That choice is no longer open. Type restore <server> to start again.')];
          return chooseName(ctx, st, name);
        }
        case restoreActions.group: {
          const group = stringField(action.value, 'resourceGroup');
          if (st?.step !== 'askGroup' || !group)
            return [info('That choice is no longer open. Type restore <server> to start again.')];
          return chooseGroup(ctx, st, group);
        }
        case restoreActions.confirm: {
          const claimed = confirmValue(action.value);
          if (!claimed) return [rejectedReply('altered')];
          return confirmAndQueue(ctx, deps, claimed, st);
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
      return [info('That button no longer does anything. Type help to see what I can do.')];
    },
  };
}

/** `<source>-geo`, shortened so that it stays within 63 characters. */
export function suggestName(source: string): string {
  return `${source.slice(0, 59).replace(/-+$/, '')}-geo`;
}
