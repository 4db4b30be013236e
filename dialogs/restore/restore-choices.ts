import { isValidResourceGroupName, serverNameProblem } from '../../bot/azure-rules/server-name-rules.js';
import type { Reply } from '../../bot/model.js';
import { azureProblemReply, describeAzureProblem } from '../common/azure-problem.js';
import { humanButton, info } from '../common/replies.js';
import type { DialogContext } from '../engine/dialog.js';
import { askGroupReply, askSubnetReply, badNameReply } from './restore-replies.js';
import { type RestoreDialogDeps, type RestoreState, suggestName, writeState } from './restore-state.js';
import { summarise } from './restore-summary.js';

/** The answers to the dialog's questions: the new server's name, its resource group, its subnet. */

const maxAttempts = 3;
const subnetId =
  /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[\w.()-]{1,90}\/providers\/Microsoft\.Network\/virtualNetworks\/[\w.-]{2,64}\/subnets\/[\w.-]{1,80}$/i;

const nameProblems = {
  length: 'it must be 3 to 63 characters long.',
  characters: 'only lower-case letters, digits and hyphens are allowed.',
  hyphenEdge:
    'a hyphen must stand between letters or digits (not at the start or end, and never two in a row).',
};

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

export async function chooseName(
  ctx: DialogContext,
  deps: RestoreDialogDeps,
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

export async function chooseGroup(
  ctx: DialogContext,
  deps: RestoreDialogDeps,
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
  return summarise(ctx, deps, draft);
}

export async function chooseSubnet(
  ctx: DialogContext,
  deps: RestoreDialogDeps,
  st: Extract<RestoreState, { step: 'askSubnet' }>,
  id: string,
) {
  if (!subnetId.test(id)) {
    return retry(ctx, st, info('That is not a subnet resource id. Paste the full id, or type cancel.'));
  }
  return summarise(ctx, deps, { ...st.draft, subnetId: id });
}
