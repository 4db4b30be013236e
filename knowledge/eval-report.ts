import { readFileSync } from 'node:fs';
import type { EvalReport, LabelledQuestion } from './evaluate.js';

/** One labelled file: a JSON object per line with "text", "topic" and optionally "source". */
export function readQuestions(path: string): LabelledQuestion[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const row = JSON.parse(line) as Partial<LabelledQuestion>;
      if (typeof row.text !== 'string' || typeof row.topic !== 'string') {
        throw new Error(`${path}:${i + 1}: each line needs "text" and "topic" strings`);
      }
      return {
        text: row.text,
        topic: row.topic,
        ...(typeof row.source === 'string' ? { source: row.source } : {}),
      };
    });
}

/** A question written by the team ("written", or no source) or posted by a real person (a URL). */
export function sourceKind(source: string | undefined): 'written' | 'real' {
  return source !== undefined && /^https?:\/\//.test(source) ? 'real' : 'written';
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The figures that count, on one line. */
export function summaryLine(report: EvalReport): string {
  return (
    `questions ${report.total}; in-scope ${report.inScope.n}: top-1 ${pct(report.inScope.top1)}, ` +
    `top-3 ${pct(report.inScope.top3)}, false rejections ${pct(report.falseRejections)}; ` +
    `off-topic ${report.outOfScope.n}: rejected ${pct(report.outOfScope.rejected)}`
  );
}

export function printReport(report: EvalReport, verbose: boolean): void {
  console.log(`questions: ${report.total}`);
  console.log(
    `in-scope: ${report.inScope.n}  top-1 ${pct(report.inScope.top1)}  top-3 ${pct(report.inScope.top3)}  answered correctly without asking ${pct(report.inScope.answered)}`,
  );
  console.log(`off-topic: ${report.outOfScope.n}  rejected ${pct(report.outOfScope.rejected)}`);
  console.log(
    `false rejections: ${pct(report.falseRejections)}   calibration error (ECE): ${report.calibrationError.toFixed(3)}`,
  );
  console.log(`latency per question: p50 ${report.p50Ms.toFixed(3)} ms  p99 ${report.p99Ms.toFixed(3)} ms`);
  console.log('\ntopic                      n   precision  recall');
  for (const t of report.topics)
    console.log(
      `${t.topic.padEnd(26)} ${String(t.n).padStart(3)}   ${pct(t.precision).padStart(7)}  ${pct(t.recall).padStart(7)}`,
    );
  console.log('\nmost confused (expected → got):');
  for (const c of report.confusedPairs) console.log(`  ${c.count} × ${c.expected} → ${c.got}`);
  if (verbose) {
    console.log('\nmisses:');
    for (const m of report.misses)
      console.log(`  [${m.expected} → ${m.got} ${m.outcome} ${m.confidence.toFixed(2)}] ${m.text}`);
  }
}
