import { percentile } from '../../knowledge/evaluate.js';
import { defaultKnowledgeDir, loadKnowledge } from '../../knowledge/load-knowledge.js';
import { Matcher } from '../../knowledge/matcher.js';
import { readDevSet } from '../support/dev-set.js';
import { longPosts } from './long-posts.js';

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

/**
 * Wall-clock time per question, and the process's CPU time per question: on a machine shared with other
 * work the wall clock also counts the time the process waited for a core, which the CPU time does not.
 */
function timeEach(
  texts: readonly string[],
  match: (text: string) => unknown,
): { times: number[]; cpuTimes: number[]; totalMs: number } {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const all = performance.now();
  for (const text of texts) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    match(text);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuTimes.push((c.user + c.system) / 1000);
  }
  const totalMs = performance.now() - all;
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  return { times, cpuTimes, totalMs };
}

const latency = (times: readonly number[]) =>
  `p50 ${percentile(times, 0.5).toFixed(3)} ms, p99 ${percentile(times, 0.99).toFixed(3)} ms, max ${(times.at(-1) ?? 0).toFixed(3)} ms`;

export function benchMatcher(count = 20_000, longCount = 2_000): string[] {
  const started = performance.now();
  const knowledge = loadKnowledge(defaultKnowledgeDir);
  const loaded = performance.now();
  const matcher = Matcher.build(knowledge);
  const built = performance.now();
  const match = (text: string) => matcher.match(text);
  const texts = questions(count);
  for (const t of texts.slice(0, 500)) matcher.match(t); // warm-up
  const short = timeEach(texts, match);
  // Long posts are new text every time: the warm-up uses posts of its own.
  for (const t of longPosts(100, 3000, 99)) matcher.match(t);
  const long = timeEach(longPosts(longCount, 3000), match);
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  return [
    `matcher: ${count} questions, ${longCount} posts of 3,000-4,000 characters`,
    `  load knowledge base: ${(loaded - started).toFixed(0)} ms; build model (${matcher.calibration.source === 'stored' ? 'train, stored calibration' : 'train + calibrate'}): ${(built - loaded).toFixed(0)} ms`,
    `  questions: latency ${latency(short.times)}`,
    `  questions: throughput ${((count / short.totalMs) * 1000).toFixed(0)} questions/s on one core`,
    `  long posts: latency ${latency(long.times)}`,
    `  long posts: CPU time ${latency(long.cpuTimes)}`,
    `  resident memory ${rssMb.toFixed(0)} MB`,
  ];
}
