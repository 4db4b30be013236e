import type { MatchResult } from './matcher.js';

export interface LabelledQuestion {
  text: string;
  topic: string;
  /** Where the question came from: "written" by the team, or the URL of a real post. */
  source?: string;
}

export const outOfScope = 'out-of-scope';

export interface TopicScore {
  topic: string;
  n: number;
  precision: number;
  recall: number;
}

export interface EvalReport {
  total: number;
  inScope: { n: number; top1: number; top3: number; answered: number };
  outOfScope: { n: number; rejected: number };
  falseRejections: number;
  /** Expected calibration error of the confidence of non-rejected in-scope answers (0 is perfect). */
  calibrationError: number;
  p50Ms: number;
  p99Ms: number;
  topics: TopicScore[];
  confusedPairs: Array<{ expected: string; got: string; count: number }>;
  misses: Array<{ text: string; expected: string; got: string; outcome: string; confidence: number }>;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

/** Runs every question through `match` and scores the outcomes. */
export function evaluate(
  questions: readonly LabelledQuestion[],
  match: (text: string, index: number) => MatchResult,
): EvalReport {
  const times: number[] = [];
  const rows = questions.map((q, i) => {
    const started = process.hrtime.bigint();
    const result = match(q.text, i);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    const got = result.outcome === 'nomatch' ? outOfScope : (result.intent ?? outOfScope);
    return { q, result, got };
  });
  const inScope = rows.filter((r) => r.q.topic !== outOfScope);
  const offTopic = rows.filter((r) => r.q.topic === outOfScope);
  const topicIds = [...new Set(questions.map((q) => q.topic))].sort();
  const topics = topicIds.map((topic) => {
    const predicted = rows.filter((r) => r.got === topic);
    const actual = rows.filter((r) => r.q.topic === topic);
    const hits = actual.filter((r) => r.got === topic).length;
    return {
      topic,
      n: actual.length,
      precision: ratio(hits, predicted.length),
      recall: ratio(hits, actual.length),
    };
  });
  const pairs = new Map<string, number>();
  for (const r of rows)
    if (r.got !== r.q.topic)
      pairs.set(`${r.q.topic}\u0000${r.got}`, (pairs.get(`${r.q.topic}\u0000${r.got}`) ?? 0) + 1);
  const confusedPairs = [...pairs]
    .map(([key, count]) => {
      const [expected = '', got = ''] = key.split('\u0000');
      return { expected, got, count };
    })
    .sort((a, b) => b.count - a.count)
    .slice(0, 10);

  // Calibration: bucket the confidence of every non-rejected question, compare with accuracy.
  const judged = rows.filter((r) => r.result.outcome !== 'nomatch');
  let calibrationError = 0;
  for (let b = 0; b < 10; b++) {
    const bucket = judged.filter((r) => Math.min(9, Math.floor(r.result.confidence * 10)) === b);
    if (bucket.length === 0) continue;
    const accuracy = ratio(bucket.filter((r) => r.got === r.q.topic).length, bucket.length);
    const meanConfidence = bucket.reduce((s, r) => s + r.result.confidence, 0) / bucket.length;
    calibrationError += (bucket.length / judged.length) * Math.abs(accuracy - meanConfidence);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    total: rows.length,
    inScope: {
      n: inScope.length,
      top1: ratio(
        inScope.filter((r) => r.result.outcome !== 'nomatch' && r.result.candidates[0]?.id === r.q.topic)
          .length,
        inScope.length,
      ),
      top3: ratio(
        inScope.filter(
          (r) => r.result.outcome !== 'nomatch' && r.result.candidates.some((c) => c.id === r.q.topic),
        ).length,
        inScope.length,
      ),
      answered: ratio(
        inScope.filter((r) => r.result.outcome === 'answer' && r.got === r.q.topic).length,
        inScope.length,
      ),
    },
    outOfScope: {
      n: offTopic.length,
      rejected: ratio(offTopic.filter((r) => r.got === outOfScope).length, offTopic.length),
    },
    falseRejections: ratio(inScope.filter((r) => r.got === outOfScope).length, inScope.length),
    calibrationError,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    topics,
    confusedPairs,
    misses: rows
      .filter((r) => r.got !== r.q.topic)
      .map((r) => ({
        text: r.q.text,
        expected: r.q.topic,
        got: r.got,
        outcome: r.result.outcome,
        confidence: r.result.confidence,
      })),
  };
}
