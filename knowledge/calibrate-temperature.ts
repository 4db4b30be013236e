import { softmax } from './softmax-classifier.js';

/**
 * Temperature scaling: the T that makes softmax(logits / T) give held-out labels the highest
 * likelihood. Held-out logits come from cross-validation over the knowledge base's own phrasings.
 */
export function fitTemperature(heldOut: ReadonlyArray<{ logits: Float64Array; target: number }>): number {
  const nll = (t: number) =>
    heldOut.reduce(
      (sum, { logits, target }) => sum - Math.log(Math.max(softmax(logits, t)[target] ?? 0, 1e-12)),
      0,
    );
  let best = 1;
  let bestLoss = Number.POSITIVE_INFINITY;
  for (let t = 0.05; t <= 5; t *= 1.05) {
    const loss = nll(t);
    if (loss < bestLoss) {
      best = t;
      bestLoss = loss;
    }
  }
  return best;
}
