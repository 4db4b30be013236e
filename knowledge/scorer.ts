import { fitTemperature } from './calibrate-temperature.js';
import type { Entry, Neighbour } from './entry-schema.js';
import { NaiveBayes } from './naive-bayes.js';
import { NearestExamples } from './nearest-examples.js';
import { readMessage, topicParts } from './read-message.js';
import type { Sample } from './softmax-classifier.js';
import { SoftmaxClassifier } from './softmax-classifier.js';
import type { TextFeatures } from './text-features.js';

const sentences = (text: string) =>
  text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/^- /, '').trim())
    .filter((s) => s.split(' ').length >= 4);

/** The class of a neighbouring topic: its id marked, so it never collides with an entry's. */
export const neighbourLabel = (id: string) => `~${id}`;

/** A phrasing or a question read as a message: a long one by its parts (see readMessage). */
export const messageFeatures = (features: TextFeatures, text: string) =>
  features.featuresOfParts(topicParts(readMessage(text)));

export function samplesOf(
  entries: Iterable<Entry>,
  neighbours: readonly Neighbour[],
  features: TextFeatures,
): Sample[] {
  const samples: Sample[] = [];
  /** Answer sentences count for less than phrasings: they are statements, not questions. */
  const answerWeight = 0.4;
  for (const entry of entries) {
    for (const text of [entry.title, ...entry.examples]) {
      samples.push({ features: messageFeatures(features, text), label: entry.id });
    }
    // The answer's own sentences teach the topic's vocabulary, weakly: they are statements, not questions.
    for (const text of [entry.short, ...sentences(entry.answer)]) {
      samples.push({ features: features.features(text), label: entry.id, weight: answerWeight });
    }
  }
  for (const n of neighbours) {
    for (const text of [n.title, ...n.examples])
      samples.push({ features: messageFeatures(features, text), label: neighbourLabel(n.id) });
  }
  return samples;
}

/** How much one very close phrasing adds to a class's score (chosen on the development set). */
export const nearestWeight = 2;
/** How much naive Bayes's evidence adds (chosen by cross-validation over the knowledge base, confirmed on dev). */
export const bayesWeight = 1;

/**
 * The classifier's logits, plus naive Bayes's evidence, plus a bonus for a very close phrasing: the
 * score the matcher calibrates.
 */
export class Scorer {
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
export function crossValidatedTemperature(samples: readonly Sample[], folds: number): number {
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
