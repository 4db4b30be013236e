import { fitTemperature } from './calibrate-temperature.js';
import { type Calibration, fingerprintOf } from './calibration.js';
import type { Entry, Neighbour } from './entry-schema.js';
import type { Knowledge } from './load-knowledge.js';
import { NaiveBayes } from './naive-bayes.js';
import { NearestExamples } from './nearest-examples.js';
import { createProductGuard, type OtherProduct, type ProductGuard } from './other-products.js';
import { defaultTrainOptions, type Sample, SoftmaxClassifier, softmax } from './softmax-classifier.js';
import { TextFeatures } from './text-features.js';

export interface Candidate {
  id: string;
  title: string;
  confidence: number;
}

/** What the question was recognised as when the bot does not cover it. */
export interface NotCovered {
  id: string;
  title: string;
  pointer?: { title: string; url: string };
  /** A fact said before the pointer (neighbours.yaml `note`). */
  note?: string;
}

export interface MatchResult {
  outcome: 'answer' | 'clarify' | 'nomatch';
  /** The entry answered, or the best candidate of a clarify; null for no match. */
  intent: string | null;
  /** Calibrated probability that `intent` is what the user asked about. */
  confidence: number;
  /** Entries ranked best first (at most three). */
  candidates: Candidate[];
  notCovered?: NotCovered;
}

export interface MatcherSettings {
  /** Answer outright at or above this confidence. */
  answerAt: number;
  /** Offer "did you mean" at or above this confidence; below it, no match. */
  clarifyAt: number;
  /** A candidate is offered in a clarify only at or above this confidence. */
  candidateAt: number;
  folds: number;
}

/** Thresholds chosen on eval/dev.jsonl (see README, "Matcher"); the model never trains on it. */
export const defaultMatcherSettings: MatcherSettings = {
  answerAt: 0.5,
  clarifyAt: 0.25,
  candidateAt: 0.08,
  folds: 5,
};

const sentences = (text: string) =>
  text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/^- /, '').trim())
    .filter((s) => s.split(' ').length >= 4);

const neighbourLabel = (id: string) => `~${id}`;

function samplesOf(
  entries: Iterable<Entry>,
  neighbours: readonly Neighbour[],
  features: TextFeatures,
): Sample[] {
  const samples: Sample[] = [];
  /** Answer sentences count for less than phrasings: they are statements, not questions. */
  const answerWeight = 0.4;
  for (const entry of entries) {
    for (const text of [entry.title, ...entry.examples]) {
      samples.push({ features: features.features(text), label: entry.id });
    }
    // The answer's own sentences teach the topic's vocabulary, weakly: they are statements, not questions.
    for (const text of [entry.short, ...sentences(entry.answer)]) {
      samples.push({ features: features.features(text), label: entry.id, weight: answerWeight });
    }
  }
  for (const n of neighbours) {
    for (const text of [n.title, ...n.examples])
      samples.push({ features: features.features(text), label: neighbourLabel(n.id) });
  }
  return samples;
}

/** How much one very close phrasing adds to a class's score (chosen on the development set). */
const nearestWeight = 2;
/** How much naive Bayes's evidence adds (chosen by cross-validation over the knowledge base, confirmed on dev). */
const bayesWeight = 1;

/**
 * The classifier's logits, plus naive Bayes's evidence, plus a bonus for a very close phrasing: the
 * score the matcher calibrates.
 */
class Scorer {
  readonly model: SoftmaxClassifier;
  private readonly bayes: NaiveBayes;
  private readonly nearest: NearestExamples;
  constructor(samples: readonly Sample[]) {
    this.model = SoftmaxClassifier.train(samples);
    this.bayes = new NaiveBayes(samples, this.model.classes);
    this.nearest = new NearestExamples(samples, this.model.classes);
  }
  scores(features: Map<string, number>): Float64Array {
    const logits = this.model.logits(features);
    const bayes = this.bayes.scores(features);
    const near = this.nearest.similarities(features);
    for (let i = 0; i < logits.length; i++)
      logits[i] = (logits[i] ?? 0) + bayesWeight * (bayes[i] ?? 0) + nearestWeight * (near[i] ?? 0);
    return logits;
  }
}

/** Held-out scores by k-fold cross-validation, to calibrate the final model's confidence. */
function crossValidatedTemperature(samples: readonly Sample[], folds: number): number {
  const heldOut: Array<{ logits: Float64Array; target: number }> = [];
  for (let fold = 0; fold < folds; fold++) {
    const scorer = new Scorer(samples.filter((_, i) => i % folds !== fold));
    samples.forEach((s, i) => {
      const target = scorer.model.classes.indexOf(s.label);
      if (i % folds === fold && target >= 0 && (s.weight ?? 1) === 1)
        heldOut.push({ logits: scorer.scores(s.features), target });
    });
  }
  return fitTemperature(heldOut);
}

export class Matcher {
  private constructor(
    private readonly entries: Map<string, Entry>,
    private readonly neighbours: Map<string, Neighbour>,
    private readonly guard: ProductGuard,
    private readonly features: TextFeatures,
    private readonly scorer: Scorer,
    /** The temperature in use, and whether it came from calibration.json or was computed at build. */
    readonly calibration: Calibration & { source: 'stored' | 'computed' },
    readonly settings: MatcherSettings,
  ) {}

  get temperature(): number {
    return this.calibration.temperature;
  }

  static build(knowledge: Knowledge, settings: MatcherSettings = defaultMatcherSettings): Matcher {
    const texts = [
      ...[...knowledge.entries.values()].flatMap((e) => [e.title, e.short, e.answer, ...e.examples]),
      ...knowledge.neighbours.flatMap((n) => [n.title, ...n.examples]),
    ];
    const features = new TextFeatures(texts);
    const samples = samplesOf(knowledge.entries.values(), knowledge.neighbours, features);
    const fingerprint = fingerprintOf(samples, {
      folds: settings.folds,
      train: defaultTrainOptions,
      nearestWeight,
      bayesWeight,
    });
    const stored = knowledge.calibration;
    const calibration =
      stored?.fingerprint === fingerprint
        ? { ...stored, source: 'stored' as const }
        : {
            fingerprint,
            temperature: crossValidatedTemperature(samples, settings.folds),
            source: 'computed' as const,
          };
    return new Matcher(
      knowledge.entries,
      new Map(knowledge.neighbours.map((n) => [neighbourLabel(n.id), n])),
      createProductGuard(knowledge.products),
      features,
      new Scorer(samples),
      calibration,
      settings,
    );
  }

  match(text: string): MatchResult {
    const nothing: MatchResult = { outcome: 'nomatch', intent: null, confidence: 0, candidates: [] };
    const product = this.guard.find(text);
    if (product) return { ...nothing, notCovered: this.notCovered(product) };
    const features = this.features.features(text);
    if (this.scorer.model.knownFeatures(features) === 0) return nothing;

    const p = softmax(this.scorer.scores(features), this.temperature);
    const { top, entries } = this.ranked(p);
    const classes = this.scorer.model.classes;
    const candidates = entries.map((i) => {
      const id = classes[i] ?? '';
      return { id, title: this.entries.get(id)?.title ?? id, confidence: p[i] ?? 0 };
    });
    const best = candidates[0];
    const { answerAt, clarifyAt, candidateAt } = this.settings;
    const neighbour = top >= 0 ? this.neighbours.get(classes[top] ?? '') : undefined;
    if (!best || neighbour || best.confidence < clarifyAt) {
      return { ...nothing, candidates, ...(neighbour ? { notCovered: this.notCovered(neighbour) } : {}) };
    }
    if (best.confidence >= answerAt)
      return { outcome: 'answer', intent: best.id, confidence: best.confidence, candidates };
    const offered = candidates.filter((c, i) => i < 2 || c.confidence >= candidateAt);
    return { outcome: 'clarify', intent: best.id, confidence: best.confidence, candidates: offered };
  }

  /**
   * In one pass over the probabilities: the most likely class of all (an entry or a neighbour) and the
   * three most likely entries, best first; ties go to the class listed first.
   */
  private ranked(p: Float64Array): { top: number; entries: number[] } {
    const classes = this.scorer.model.classes;
    let top = -1;
    const entries: number[] = [];
    for (let i = 0; i < classes.length; i++) {
      const pi = p[i] ?? 0;
      if (top < 0 || pi > (p[top] ?? 0)) top = i;
      if (!this.entries.has(classes[i] ?? '')) continue;
      let at = entries.length;
      while (at > 0 && pi > (p[entries[at - 1] ?? 0] ?? 0)) at--;
      if (at < 3) {
        entries.splice(at, 0, i);
        if (entries.length > 3) entries.pop();
      }
    }
    return { top, entries };
  }

  private notCovered(item: Neighbour | OtherProduct): NotCovered {
    return {
      id: item.id,
      title: item.title,
      ...(item.pointer ? { pointer: item.pointer } : {}),
      ...('note' in item && item.note ? { note: item.note } : {}),
    };
  }

  entry(id: string): Entry | undefined {
    return this.entries.get(id);
  }
}
