import type { Features, Sample } from './softmax-classifier.js';

interface Posting {
  samples: Int32Array;
  weights: Float64Array;
}

/**
 * For each class, the cosine similarity of a question to its closest training phrasing (features
 * are unit length, so a dot product). Complements the classifier: one phrasing that is very close
 * counts even when the class's other phrasings look different. An inverted index from feature to the
 * phrasings that have it keeps a question's cost to the phrasings that share a word with it.
 */
export class NearestExamples {
  private readonly postings = new Map<string, Posting>();
  private readonly labels: Int32Array;
  /** Scratch for one question at a time (matching is synchronous): dot product per phrasing. */
  private readonly dots: Float64Array;
  private readonly touched: Int32Array;
  private readonly seen: Uint8Array;

  constructor(
    samples: readonly Sample[],
    readonly classes: readonly string[],
  ) {
    const index = new Map(classes.map((c, i) => [c, i]));
    this.labels = Int32Array.from(samples, (s) => index.get(s.label) ?? -1);
    this.dots = new Float64Array(samples.length);
    this.touched = new Int32Array(samples.length);
    this.seen = new Uint8Array(samples.length);
    const lists = new Map<string, Array<[number, number]>>();
    samples.forEach((s, i) => {
      if ((s.weight ?? 1) < 1) return; // answer sentences teach vocabulary, they are not phrasings
      for (const [feature, weight] of s.features) {
        const list = lists.get(feature) ?? [];
        if (list.length === 0) lists.set(feature, list);
        list.push([i, weight]);
      }
    });
    for (const [feature, list] of lists) {
      this.postings.set(feature, {
        samples: Int32Array.from(list, ([sample]) => sample),
        weights: Float64Array.from(list, ([, weight]) => weight),
      });
    }
  }

  similarities(features: Features): Float64Array {
    const { dots, touched, seen } = this;
    let count = 0;
    for (const [feature, x] of features) {
      const posting = this.postings.get(feature);
      if (!posting) continue;
      const { samples, weights } = posting;
      for (let j = 0; j < samples.length; j++) {
        const sample = samples[j] as number;
        if (seen[sample] === 0) {
          seen[sample] = 1;
          touched[count++] = sample;
        }
        dots[sample] = (dots[sample] as number) + x * (weights[j] as number);
      }
    }
    const best = new Float64Array(this.classes.length);
    for (let j = 0; j < count; j++) {
      const sample = touched[j] as number;
      const label = this.labels[sample] as number;
      const dot = dots[sample] as number;
      dots[sample] = 0;
      seen[sample] = 0;
      if (label >= 0 && dot > (best[label] as number)) best[label] = dot;
    }
    return best;
  }
}
