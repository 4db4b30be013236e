import { z } from 'zod';

export const deploymentModels = ['flexible-server', 'single-server', 'backup-vault'] as const;
export type DeploymentModel = (typeof deploymentModels)[number];

const topicId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case words joined by hyphens');
/** A phrasing may be a whole post: a title, a story, a pasted error and the question. */
const maxExampleChars = 1500;
const text = (max: number) => z.string().trim().min(1).max(max);

/** A calendar date written as YYYY-MM-DD (YAML reads an unquoted date as this string). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'not a calendar date');

const link = z.strictObject({ title: text(160), url: z.url({ protocol: /^https$/ }) });

/**
 * A fact of the answer that rests on one page: the fact in our own words, and the url of the source
 * (one of the entry's `sources`) that states it. A reviewer re-checks these first.
 */
const basisItem = z.strictObject({ fact: text(300), source: z.url({ protocol: /^https$/ }) });

/** One file under knowledge/entries: a topic the bot can answer (faq) or an action it routes (intent). */
export const entrySchema = z.strictObject({
  id: topicId,
  kind: z.enum(['faq', 'intent']),
  title: text(120),
  /** One line, shown first. */
  short: text(300),
  /** The full answer in our own words; paragraphs separated by blank lines, bullets as "- " lines. */
  answer: text(4000),
  appliesTo: z.array(z.enum(deploymentModels)).min(1),
  /**
   * When a person last checked the answer against its sources; `npm run kb:check` lists the entry as
   * stale twelve months later.
   */
  reviewed: isoDate,
  /** Canonical public pages (no redirecting path; `npm run kb:check` knows the moved ones). */
  sources: z.array(link).min(1),
  basis: z.array(basisItem).default([]),
  /** Phrasings written by the team; the matcher trains on these and nothing else. Long ones are posts
   * the way people write them, with an error or a command pasted in. */
  examples: z.array(text(maxExampleChars)).min(8),
  followUps: z.array(topicId).default([]),
});

export type Entry = z.infer<typeof entrySchema>;

/**
 * knowledge/neighbours.yaml: topics next to ours that the bot does not answer (other products,
 * in-region restore, retention, HA, pricing, …). They compete with the entries in the matcher, so a
 * question about them is recognised as "not covered" instead of being answered wrongly.
 */
export const neighbourSchema = z.strictObject({
  id: topicId,
  title: text(120),
  /** Where to look instead. */
  pointer: link.optional(),
  /**
   * The one fact the bot still states before pointing elsewhere, when the question cannot be left
   * without it (Single Server's retirement, for a question about migrating off it).
   */
  note: text(300).optional(),
  examples: z.array(text(maxExampleChars)).min(3),
});

export type Neighbour = z.infer<typeof neighbourSchema>;
