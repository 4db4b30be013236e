import type { Features, Sample } from './softmax-classifier.js';

/**
 * For each class, the cosine similarity of a question to its closest training phrasing (features
 * are unit length, so a dot product). Complements the classifier: one phrasing that is very close
 * counts even when the class's other phrasings look different.
 */
export class NearestExamples {
  private readonly postings = new Map<string, Array<{ sample: number; weight: number }>>();
  private readonly labels: number[];

  constructor(
    samples: readonly Sample[],
    readonly classes: readonly string[],
  ) {
    const index = new Map(classes.map((c, i) => [c, i]));
    this.labels = samples.map((s) => index.get(s.label) ?? -1);
    samples.forEach((s, i) => {
      if ((s.weight ?? 1) < 1) return; // answer sentences teach vocabulary, they are not phrasings
      for (const [feature, weight] of s.features) {
        let list = this.postings.get(feature);
        if (!list) {
          list = [];
          this.postings.set(feature, list);
        }
        list.push({ sample: i, weight });
      }
    });
  }

  similarities(features: Features): Float64Array {
    const dots = new Map<number, number>();
    for (const [feature, x] of features) {
      for (const { sample, weight } of this.postings.get(feature) ?? [])
        dots.set(sample, (dots.get(sample) ?? 0) + x * weight);
    }
    const best = new Float64Array(this.classes.length);
    for (const [sample, dot] of dots) {
      const label = this.labels[sample] ?? -1;
      if (label >= 0 && dot > (best[label] ?? 0)) best[label] = dot;
    }
    return best;
  }
}
