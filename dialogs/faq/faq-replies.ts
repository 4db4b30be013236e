import { Actions, type Reply } from '../../bot/model.js';
import type { DeploymentModel, Entry } from '../../knowledge/entry-schema.js';
import type { Candidate, NotCovered } from '../../knowledge/matcher.js';
import { humanButton, scope } from '../common/replies.js';

export const modelLabels: Record<DeploymentModel, string> = {
  'flexible-server': 'Flexible Server',
  'single-server': 'Single Server (retired 2025-03-28)',
  'backup-vault': 'Azure Backup vault',
};

export function answerReply(entry: Entry, related: Entry[], answerId: string): Reply {
  return {
    kind: 'answer',
    title: entry.title,
    summary: entry.short,
    text: entry.answer.trim(),
    context: `Applies to: ${entry.appliesTo.map((m) => modelLabels[m]).join(' · ')}`,
    links: entry.sources,
    topic: entry.id,
    buttons: [
      ...related.map((r) => ({ id: Actions.show, label: r.title, value: { entryId: r.id } })),
      { id: Actions.feedback, label: '👍 Helpful', value: { entryId: entry.id, answerId, helpful: true } },
      {
        id: Actions.feedback,
        label: '👎 Not helpful',
        value: { entryId: entry.id, answerId, helpful: false },
      },
    ],
  };
}

export function clarifyReply(candidates: Candidate[], promptId: string): Reply {
  return {
    kind: 'clarify',
    text: 'I am not sure which of these you mean. Pick one, or tell me none of them fits.',
    buttons: [
      ...candidates.map((c) => ({ id: Actions.pick, label: c.title, value: { entryId: c.id, promptId } })),
      { id: Actions.none, label: 'None of these', value: { promptId } },
    ],
  };
}

export function noMatchReply(misses: number, notCovered?: NotCovered): Reply {
  const lead = notCovered
    ? `That sounds like a question about ${notCovered.title}, which I do not cover.${notCovered.note ? ` ${notCovered.note}` : ''} ${scope}`
    : `I could not find an answer to that. ${scope}`;
  const offer =
    misses >= 2
      ? 'That is two questions in a row I could not answer. Would you like me to bring in a person from the support team?'
      : 'You can rephrase the question, type help for examples, or ask for a person.';
  return {
    kind: 'nomatch',
    text: `${lead}\n\n${offer}`,
    ...(notCovered?.pointer ? { links: [notCovered.pointer] } : {}),
    buttons: [
      { ...humanButton, ...(misses >= 2 ? { style: 'primary' as const } : {}) },
      { id: Actions.help, label: 'Help' },
    ],
  };
}
