import { Actions, type Button, type Fact, type Reply } from '../../bot/model.js';
import type { Ticket } from '../../bot/ports/escalations.js';
import { humanButton, scope } from '../common/replies.js';
import type { RunningRestore } from '../restore/index.js';

/** What this deployment has switched on, for the operator reading the home. */
export type HomeFeatures = {
  /** Live checks against Azure (AZURE_SUBSCRIPTION_ID). */
  liveChecks: boolean;
  /** Starting geo-restores (RESTORE_ENABLED). */
  restores: boolean;
  /** Tickets to a support channel (SUPPORT_SLACK_CHANNEL_ID / SUPPORT_TEAMS_CHANNEL_ID). */
  support: boolean;
  /** The channels this deployment serves. */
  channels: string[];
};

export type HomeView = {
  features: HomeFeatures;
  topics: Array<{ id: string; title: string }>;
  tickets: Ticket[];
  restores: RunningRestore[];
};

const ticketStates: Record<Ticket['state'], string> = {
  open: 'waiting for someone from support',
  claimed: 'being handled',
  resolved: 'resolved',
};

const phases: Record<RunningRestore['phase'], string> = {
  queued: 'queued',
  putting: 'being sent to Azure',
  polling: 'running in Azure',
  watching: 'running in Azure',
  finishing: 'finishing',
  done: 'done',
};

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The home as one reply: plain text with structure, escaped by each channel's renderer. */
export function homeReply(view: HomeView): Reply {
  const { features } = view;
  const can = [
    'What I can do:',
    '- Answer questions about geo-redundant backup and geo-restore, in your own words',
    '- On any message: More actions, then Ask GeoRestore (I answer it in its thread) or Open a support ticket',
    ...(features.liveChecks ? ['- check <server>: is it ready for a geo-restore?'] : []),
    ...(features.restores ? ['- restore <server>: start a geo-restore, after you confirm'] : []),
    ...(features.support ? ['- talk to a human: bring in the support team'] : []),
  ];
  const tickets = view.tickets.map(
    (t) =>
      `- ${t.ref}: ${ticketStates[t.state]}${t.claimedBy?.name ? ` (${t.claimedBy.name})` : ''}, "${clip(t.question || 'no question typed', 80)}"`,
  );
  const restores = view.restores.map(
    (r) => `- ${r.server} to ${r.target} in ${r.region}: ${phases[r.phase]}, since ${r.confirmedAt}`,
  );
  const text = [
    can.join('\n'),
    ['Your open tickets:', ...(tickets.length > 0 ? tickets : ['- none'])].join('\n'),
    ['Your running restores:', ...(restores.length > 0 ? restores : ['- none'])].join('\n'),
    view.topics.length > 0 ? 'Most asked:' : '',
  ].filter((part) => part !== '');
  const topicButtons: Button[] = view.topics.map((t) => ({
    id: Actions.show,
    label: t.title,
    value: { entryId: t.id },
  }));
  return {
    kind: 'help',
    title: 'GeoRestore Bot',
    summary: scope,
    text: text.join('\n\n'),
    facts: configurationFacts(features),
    buttons: [...topicButtons, ...(features.support ? [humanButton] : [])],
  };
}

function configurationFacts(features: HomeFeatures): Fact[] {
  const on = (yes: boolean, how: string): Pick<Fact, 'value' | 'status'> =>
    yes ? { value: 'on', status: 'pass' } : { value: `off (${how})`, status: 'info' };
  return [
    { label: 'Live checks', ...on(features.liveChecks, 'set AZURE_SUBSCRIPTION_ID') },
    { label: 'Restores', ...on(features.restores, 'set RESTORE_ENABLED') },
    { label: 'Support tickets', ...on(features.support, 'set a support channel') },
    { label: 'Channels', value: features.channels.join(', ') || 'none', status: 'info' },
  ];
}
