import { percentile } from '../../knowledge/evaluate.js';
import { defaultKnowledgeDir, loadKnowledge } from '../../knowledge/load-knowledge.js';
import { Matcher } from '../../knowledge/matcher.js';
import { readDevSet } from '../support/dev-set.js';

const prefixes = ['', 'hey ', 'quick q: ', '@bot ', 'hi team, ', 'pls help - '];
const suffixes = ['', '?', ' thx', ' asap', '!!', ' (prod)'];

/** Questions for timing: the development set's texts varied with prefixes, suffixes and a dropped letter. */
function questions(n: number): string[] {
  const base = readDevSet().map((q) => q.text);
  return Array.from({ length: n }, (_, i) => {
    const text = base[i % base.length] ?? '';
    const typo = i % 3 === 0 && text.length > 8 ? text.slice(0, 5) + text.slice(6) : text;
    return `${prefixes[i % prefixes.length]}${typo}${suffixes[(i >> 2) % suffixes.length]}`;
  });
}

export function benchMatcher(count = 20_000): string[] {
  const started = performance.now();
  const knowledge = loadKnowledge(defaultKnowledgeDir);
  const loaded = performance.now();
  const matcher = Matcher.build(knowledge);
  const built = performance.now();
  const texts = questions(count);
  for (const t of texts.slice(0, 500)) matcher.match(t); // warm-up
  const times: number[] = [];
  const all = performance.now();
  for (const text of texts) {
    const t0 = performance.now();
    matcher.match(text);
    times.push(performance.now() - t0);
  }
  const totalMs = performance.now() - all;
  times.sort((a, b) => a - b);
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  return [
    `matcher: ${count} questions`,
    `  load knowledge base: ${(loaded - started).toFixed(0)} ms; build model (${matcher.calibration.source === 'stored' ? 'train, stored calibration' : 'train + calibrate'}): ${(built - loaded).toFixed(0)} ms`,
    `  latency p50 ${percentile(times, 0.5).toFixed(3)} ms, p99 ${percentile(times, 0.99).toFixed(3)} ms, max ${(times.at(-1) ?? 0).toFixed(3)} ms`,
    `  throughput ${((count / totalMs) * 1000).toFixed(0)} questions/s on one core`,
    `  resident memory ${rssMb.toFixed(0)} MB`,
  ];
}
