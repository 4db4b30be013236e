/**
 * Multinomial logistic regression over sparse features, trained by stochastic gradient descent.
 * Small and deterministic (seeded shuffling), so the same knowledge base always gives the same model.
 */

export type Features = Map<string, number>;

export interface Sample {
  features: Features;
  label: string;
  weight?: number;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const defaultTrainOptions: TrainOptions = { epochs: 40, learningRate: 0.8, l2: 1e-4, seed: 7 };

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function softmax(logits: Float64Array, temperature = 1): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of logits) max = Math.max(max, v);
  const out = new Float64Array(logits.length);
  let sum = 0;
  logits.forEach((v, i) => {
    out[i] = Math.exp((v - max) / temperature);
    sum += out[i] ?? 0;
  });
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / sum;
  return out;
}

export class SoftmaxClassifier {
  private constructor(
    readonly classes: readonly string[],
    /** Per feature, one weight per class. */
    private readonly weights: Map<string, Float64Array>,
    private readonly bias: Float64Array,
  ) {}

  static train(samples: readonly Sample[], options: TrainOptions = defaultTrainOptions): SoftmaxClassifier {
    const classes = [...new Set(samples.map((s) => s.label))].sort();
    const classIndex = new Map(classes.map((c, i) => [c, i]));
    const k = classes.length;
    const weights = new Map<string, Float64Array>();
    const bias = new Float64Array(k);
    const model = new SoftmaxClassifier(classes, weights, bias);
    const order = samples.map((_, i) => i);
    const random = mulberry32(options.seed);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      const rate = options.learningRate / (1 + epoch * 0.1);
      for (const index of order) {
        const sample = samples[index] as Sample;
        const p = softmax(model.logits(sample.features));
        const target = classIndex.get(sample.label) as number;
        const w = sample.weight ?? 1;
        for (let c = 0; c < k; c++) {
          const g = ((p[c] ?? 0) - (c === target ? 1 : 0)) * w;
          bias[c] = (bias[c] ?? 0) - rate * g * 0.1;
        }
        for (const [feature, x] of sample.features) {
          let row = weights.get(feature);
          if (!row) {
            row = new Float64Array(k);
            weights.set(feature, row);
          }
          for (let c = 0; c < k; c++) {
            const g = ((p[c] ?? 0) - (c === target ? 1 : 0)) * w * x;
            row[c] = (row[c] ?? 0) - rate * (g + options.l2 * (row[c] ?? 0));
          }
        }
      }
    }
    return model;
  }

  logits(features: Features): Float64Array {
    const out = Float64Array.from(this.bias);
    for (const [feature, x] of features) {
      const row = this.weights.get(feature);
      if (!row) continue;
      for (let c = 0; c < out.length; c++) out[c] = (out[c] ?? 0) + (row[c] ?? 0) * x;
    }
    return out;
  }

  /** How many of these features the model has seen: zero means it knows nothing about the text. */
  knownFeatures(features: Features): number {
    let n = 0;
    for (const f of features.keys()) if (this.weights.has(f)) n++;
    return n;
  }
}
