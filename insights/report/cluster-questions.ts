import type { LoggedQuestion } from '../record/question-log.js';

export type Vector = Map<string, number>;

export interface ClusterDeps {
  /** The knowledge base's text features (unit length): the same the matcher reads questions with. */
  features: (text: string) => Vector;
  /** Canonical words of a text (for a group's label). */
  words: (text: string) => string[];
  /** An entry's title, when the knowledge base still has it. */
  title: (id: string) => string | undefined;
}

export type QuestionCluster = {
  /** The id of the group's oldest question: stable while the period's questions are the same. */
  id: string;
  /** The words the group's questions share most. */
  label: string;
  count: number;
  /** Distinct askers (pseudonyms). */
  people: number;
  /** The questions nearest the group's centre, most typical first. */
  typical: string[];
  /** Every question of the group, newest first. */
  questions: LoggedQuestion[];
  /** The entries the matcher considered for these questions, by mean score over the group. */
  nearest: Array<{ id: string; title: string; score: number }>;
};

/** How similar a question must be to a group's centre to join it (cosine of the text features). */
export const joinAt = 0.35;
/** At most this many questions are grouped (the newest); a 90-day page stays quick. */
export const groupedAtMost = 3000;
/** Placeholders of the text features, and question words that say nothing about a theme. */
const notLabels = new Set(
  'xname userathost xsetting sku tier who what how why when where which can could would should will after before does do get got need want please help tell know hi hello'.split(
    ' ',
  ),
);

const dot = (a: Vector, b: Vector) => {
  let sum = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [k, v] of small) sum += v * (large.get(k) ?? 0);
  return sum;
};
const norm = (v: Vector) => Math.sqrt(dot(v, v)) || 1;
const addTo = (sum: Vector, v: Vector) => {
  for (const [k, x] of v) sum.set(k, (sum.get(k) ?? 0) + x);
};

/**
 * Groups questions by what they have in common: one pass that puts each question (oldest first) into
 * the group whose centre it is nearest, or starts a group, then one pass that moves each question to
 * the nearest final centre. Deterministic for the same questions.
 */
export function clusterQuestions(all: readonly LoggedQuestion[], deps: ClusterDeps): QuestionCluster[] {
  const questions = [...all]
    .filter((q) => q.text.trim() !== '')
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))
    .slice(-groupedAtMost);
  const vectors = questions.map((q) => deps.features(q.text));
  const centres: Vector[] = [];
  const nearestCentre = (v: Vector) => {
    let best = -1;
    let bestSim = 0;
    centres.forEach((c, i) => {
      const sim = dot(v, c) / norm(c);
      if (sim > bestSim) [best, bestSim] = [i, sim];
    });
    return { best, bestSim };
  };
  for (const v of vectors) {
    const { best, bestSim } = nearestCentre(v);
    if (best >= 0 && bestSim >= joinAt) addTo(centres[best] as Vector, v);
    else centres.push(new Map(v));
  }
  const members = new Map<number, number[]>();
  vectors.forEach((v, i) => {
    const { best, bestSim } = nearestCentre(v);
    const group = best >= 0 && bestSim >= joinAt ? best : centres.push(new Map(v)) - 1;
    members.set(group, [...(members.get(group) ?? []), i]);
  });
  const groups = [...members.entries()].map(([c, idx]) =>
    describe(
      idx.map((i) => questions[i] as LoggedQuestion),
      idx.map((i) => dot(vectors[i] as Vector, centres[c] as Vector)),
      deps,
    ),
  );
  return groups.sort(
    (a, b) => b.count - a.count || (b.questions[0]?.at ?? '').localeCompare(a.questions[0]?.at ?? ''),
  );
}

function describe(questions: LoggedQuestion[], closeness: number[], deps: ClusterDeps): QuestionCluster {
  const typical = questions
    .map((q, i) => ({ text: q.text, c: closeness[i] ?? 0 }))
    .sort((a, b) => b.c - a.c)
    .map((t) => t.text)
    .filter((t, i, list) => list.indexOf(t) === i)
    .slice(0, 3);
  const wordCounts = new Map<string, number>();
  for (const q of questions)
    for (const w of new Set(deps.words(q.text)))
      if (!notLabels.has(w)) wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
  const label = [...wordCounts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([w]) => w)
    .join(' · ');
  const scores = new Map<string, number>();
  for (const q of questions)
    for (const c of q.considered) scores.set(c.id, (scores.get(c.id) ?? 0) + c.score);
  const nearest = [...scores.entries()]
    .map(([id, sum]) => ({
      id,
      title: deps.title(id) ?? id,
      score: Number((sum / questions.length).toFixed(3)),
    }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, 3);
  return {
    id: questions[0]?.id ?? '',
    label: label || (typical[0] ?? '').slice(0, 60),
    count: questions.length,
    people: new Set(questions.map((q) => q.who)).size,
    typical,
    questions: [...questions].reverse(),
    nearest,
  };
}
