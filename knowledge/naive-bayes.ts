import type { Features, Sample } from './softmax-classifier.js';

/**
 * Multinomial naive Bayes over the same features as the classifier, with additive smoothing. Each
 * feature's log-likelihoods are centred across classes, so a feature counts only by how much more
 * one topic uses it than the others, and a topic with many phrasings gets no head start.
 * Differently biased from logistic regression (it trusts every word a little instead of a few
 * words a lot), so the two together confuse neighbouring topics less than either alone.
 */
export class NaiveBayes {
  private readonly evidence = new Map<string, Float64Array>();

  constructor(
    samples: readonly Sample[],
    readonly classes: readonly string[],
    smoothing = 0.1,
  ) {
    const index = new Map(classes.map((c, i) => [c, i]));
    const k = classes.length;
    const counts = new Map<string, Float64Array>();
    const totals = new Float64Array(k);
    for (const sample of samples) {
      const c = index.get(sample.label);
      if (c === undefined) continue;
      const w = sample.weight ?? 1;
      for (const [feature, x] of sample.features) {
        let row = counts.get(feature);
        if (!row) {
          row = new Float64Array(k);
          counts.set(feature, row);
        }
        row[c] = (row[c] ?? 0) + x * w;
        totals[c] = (totals[c] ?? 0) + x * w;
      }
    }
    const v = counts.size;
    for (const [feature, row] of counts) {
      const logp = row.map((n, c) => Math.log((n + smoothing) / ((totals[c] ?? 0) + smoothing * v)));
      const mean = logp.reduce((a, b) => a + b, 0) / k;
      this.evidence.set(
        feature,
        logp.map((x) => x - mean),
      );
    }
  }

  /** Per class, the sum of the features' centred log-likelihoods, weighted by the feature values. */
  scores(features: Features): Float64Array {
    const out = new Float64Array(this.classes.length);
    for (const [feature, x] of features) {
      const row = this.evidence.get(feature);
      if (!row) continue;
      for (let c = 0; c < out.length; c++) out[c] = (out[c] ?? 0) + x * (row[c] ?? 0);
    }
    return out;
  }
}
