import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { crossValidate } from './cross-validate.js';
import { type EvalReport, evaluate, type LabelledQuestion } from './evaluate.js';
import { defaultKnowledgeDir, loadKnowledge } from './load-knowledge.js';
import { Matcher } from './matcher.js';

function readQuestions(path: string): LabelledQuestion[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const row = JSON.parse(line) as Partial<LabelledQuestion>;
      if (typeof row.text !== 'string' || typeof row.topic !== 'string') {
        throw new Error(`${path}:${i + 1}: each line needs "text" and "topic" strings`);
      }
      return { text: row.text, topic: row.topic };
    });
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function print(report: EvalReport, verbose: boolean): void {
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

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', short: 'v', default: false },
    'kb-cv': { type: 'boolean', default: false },
  },
});
const file = positionals[0];
if (!file && !values['kb-cv']) {
  console.error('usage: npm run eval -- [--json] [--verbose] <questions.jsonl>');
  console.error(
    '       npm run eval -- [--json] [--verbose] --kb-cv   (5-fold cross-validation over the knowledge base)',
  );
  process.exit(2);
}
const knowledge = loadKnowledge(defaultKnowledgeDir);
let report: EvalReport;
if (file) {
  const matcher = Matcher.build(knowledge);
  report = evaluate(readQuestions(file), (text) => matcher.match(text));
} else {
  console.log('5-fold cross-validation over the knowledge base (neighbouring topics count as off-topic)');
  report = crossValidate(knowledge, 5, (train) => Matcher.build(train));
}
print(report, values.verbose);
if (values.json) {
  const { total, inScope, outOfScope, falseRejections, p50Ms, p99Ms } = report;
  console.log(
    JSON.stringify({
      total,
      inScope: { n: inScope.n, top1: inScope.top1, top3: inScope.top3 },
      outOfScope,
      falseRejections,
      p50Ms,
      p99Ms,
    }),
  );
}
