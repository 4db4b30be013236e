/**
 * `npm run eval -- [options] <questions.jsonl>...`: scores the matcher on labelled question files, each
 * on its own and all together. With --json the last line is one JSON object for all files together, so
 * scripts that read it keep working whatever the number of files.
 */
import { parseArgs } from 'node:util';
import { crossValidate } from './cross-validate.js';
import { printReport, readQuestions, sourceKind, summaryLine } from './eval-report.js';
import { type EvalReport, evaluate, type LabelledQuestion } from './evaluate.js';
import { defaultKnowledgeDir, loadKnowledge } from './load-knowledge.js';
import { Matcher } from './matcher.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', short: 'v', default: false },
    'kb-cv': { type: 'boolean', default: false },
    'by-source': { type: 'boolean', default: false },
  },
});
if (positionals.length === 0 && !values['kb-cv']) {
  console.error('usage: npm run eval -- [--json] [--verbose] [--by-source] <questions.jsonl>...');
  console.error(
    '       npm run eval -- [--json] [--verbose] --kb-cv   (5-fold cross-validation over the knowledge base)',
  );
  process.exit(2);
}
const knowledge = loadKnowledge(defaultKnowledgeDir);
let report: EvalReport;
if (positionals.length > 0) {
  const matcher = Matcher.build(knowledge);
  const match = (text: string) => matcher.match(text);
  const files = positionals.map((path) => ({ path, questions: readQuestions(path) }));
  const sections: Array<{ name: string; questions: LabelledQuestion[] }> = [];
  if (files.length > 1) sections.push(...files.map((f) => ({ name: f.path, questions: f.questions })));
  const all = files.flatMap((f) => f.questions);
  if (values['by-source']) {
    for (const kind of ['written', 'real'] as const) {
      const questions = all.filter((q) => sourceKind(q.source) === kind);
      if (questions.length > 0) sections.push({ name: `${kind} (by source)`, questions });
    }
  }
  for (const { name, questions } of sections) {
    console.log(`== ${name}`);
    console.log(summaryLine(evaluate(questions, match)));
  }
  if (sections.length > 0) console.log(`== all ${all.length} questions`);
  report = evaluate(all, match);
} else {
  console.log('5-fold cross-validation over the knowledge base (neighbouring topics count as off-topic)');
  report = crossValidate(knowledge, 5, (train) => Matcher.build(train));
}
printReport(report, values.verbose);
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
