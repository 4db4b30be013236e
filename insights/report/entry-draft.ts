import { Document } from 'yaml';
import type { Ticket } from '../../bot/ports/escalations.js';
import type { Entry } from '../../knowledge/entry-schema.js';
import { withoutPersonalData } from '../record/personal-data.js';
import type { QuestionCluster } from './cluster-questions.js';

/** What every field still to be written starts with (a source's URL ends in `todo.invalid`). */
export const TODO = 'TODO';
export const todoUrl = 'https://todo.invalid/';
const minExamples = 8;
const maxExamples = 20;

export interface DraftContext {
  /** Ids the knowledge base already has: the draft's id must be new. */
  taken: (id: string) => boolean;
  /** Is this an answered topic (not an intent)? Only those become follow-ups. */
  isFaq: (id: string) => boolean;
  /** The date the draft was made (for its header). */
  today: string;
}

/**
 * A new entry in the schema of knowledge/entry-schema.ts, from a group of unanswered questions: their
 * phrasings (personal data removed) as examples, the nearest entries as follow-ups, and every field
 * still to be written starting with TODO. Completed, it is a file for knowledge/entries/.
 */
export function draftFromCluster(cluster: QuestionCluster, ctx: DraftContext): string {
  const header = [
    ` Draft entry from the insights page, ${ctx.today}: a group of ${cluster.count} unanswered question(s)`,
    ` from ${cluster.people} person(s), about: ${withoutPersonalData(cluster.label)}.`,
    ...commonHeader(),
  ];
  return render(
    draft(
      slug(cluster.label, ctx),
      cluster.questions.map((q) => q.text),
      undefined,
      cluster.nearest.map((n) => n.id).filter((id) => ctx.isFaq(id)),
      ctx.today,
    ),
    header,
  );
}

/** The same from a resolved ticket: its question and the requester's lines, the support team's answer to start from. */
export function draftFromTicket(ticket: Ticket, ctx: DraftContext): string {
  const asked = [ticket.question, ...ticket.transcript.filter((l) => l.from === 'user').map((l) => l.text)];
  const answer = (ticket.answers ?? []).map((a) => withoutPersonalData(a.text)).join('\n\n');
  const header = [
    ` Draft entry from the insights page, ${ctx.today}: ticket ${ticket.ref}, resolved.`,
    answer
      ? ' The answer starts from what the support team wrote: rewrite it in our own words and check every fact.'
      : ' The support team wrote nothing through the bot: the answer is still to write.',
    ...commonHeader(),
  ];
  const considered = ticket.considered.map((c) => c.id).filter((id) => ctx.isFaq(id));
  return render(draft(slug(ticket.question, ctx), asked, answer || undefined, considered, ctx.today), header);
}

function commonHeader(): string[] {
  return [
    ' Write every field that starts with TODO (a source ending in todo.invalid is one), keep the',
    ' deployment models it applies to, check the id is the topic, then save it as',
    ' knowledge/entries/<id>.yaml and run npm run calibrate and npm test (see CONTRIBUTING.md).',
    " The examples are users' questions with personal data replaced by <placeholders>: reword them.",
  ];
}

function draft(
  id: string,
  asked: string[],
  answer: string | undefined,
  followUps: string[],
  today: string,
): Entry {
  const examples = [
    ...new Set(asked.map((t) => withoutPersonalData(t).replace(/\s+/g, ' ').trim().slice(0, 300))),
  ]
    .filter((t) => t !== '' && !t.startsWith('['))
    .slice(0, maxExamples);
  for (let n = examples.length; n < minExamples; n++)
    examples.push(`${TODO}: another way people ask this (${minExamples} phrasings at least)`);
  return {
    id,
    kind: 'faq',
    title: `${TODO}: the topic as a title`,
    short: `${TODO}: the answer in one line, shown first`,
    answer: answer ? answer.slice(0, 4000) : `${TODO}: the answer in our own words`,
    appliesTo: ['flexible-server'],
    reviewed: today,
    sources: [{ title: `${TODO}: the public page the answer restates`, url: todoUrl }],
    basis: [
      { fact: `${TODO}: a fact of the answer, in our own words, that the source states`, source: todoUrl },
    ],
    examples,
    followUps: followUps.slice(0, 3),
  };
}

function render(entry: Entry, header: string[]): string {
  const doc = new Document(entry);
  doc.commentBefore = header.join('\n');
  const applies = doc.get('appliesTo', true) as { commentBefore?: string } | undefined;
  if (applies)
    applies.commentBefore = ` ${TODO}: keep the models it applies to (flexible-server, single-server, backup-vault)`;
  const reviewed = doc.get('reviewed', true) as { commentBefore?: string } | undefined;
  if (reviewed) reviewed.commentBefore = ` ${TODO}: the day you checked the answer against its sources`;
  return doc.toString({ lineWidth: 0 });
}

/** A new topic id from the group's words: lower-case words joined by hyphens, not one the knowledge base has. */
function slug(text: string, ctx: DraftContext): string {
  const words = withoutPersonalData(text)
    .toLowerCase()
    .replace(/<[a-z ]+>/g, ' ')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 2 && !/^\d/.test(w))
    .slice(0, 5);
  const base = words.length > 0 ? `new-${words.join('-')}`.slice(0, 50).replace(/-+$/, '') : 'new-topic';
  let id = base;
  for (let n = 2; ctx.taken(id); n++) id = `${base}-${n}`;
  return id;
}
