import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Request } from 'autocannon';
import { type Azurite, startAzurite } from '../../support/azurite.js';
import { SlackApiStub } from '../../support/slack-api-stub.js';
import { SIGNING_SECRET } from '../../support/slack-requests.js';
import { percentile, startBenchWorker } from '../bench-worker.js';
import type { ConnectorThreadReply, ConnectorThreadRequest } from './connector-thread.js';
import { slackRequests, teamsRequests } from './load-requests.js';
import { type LoadTarget, startTarget, type TargetKind } from './load-target.js';

/**
 * `npm run bench:load`: both endpoints of the bot (each in its own process, as `npm start` runs it)
 * under concurrent load from autocannon, in the same run as the bare-framework baselines, with the
 * embedded store and with the shared blob store on Azurite. Prints throughput, p50/p99, errors,
 * resident memory and the ratios; it asserts nothing. On the embedded store it also measures the bot's
 * Slack edge with an engine that answers nothing (edge-floor.ts), to show how much of the Slack gap is
 * the edge and how much is answering.
 *
 * Every server is started first and stays up; then the runs alternate, bare framework then bot, for
 * BENCH_ROUNDS rounds. Each ratio is taken within a round, between two runs seconds apart, and the
 * figures printed are the medians over the rounds: on a shared machine whose speed drifts by a third
 * between minutes, a bare run at the start against a bot run half a minute later measures the drift.
 *
 * BENCH_ROUNDS (default 3) of BENCH_SECONDS (default 5) per measured run, after one warm-up of
 * BENCH_WARMUP_SECONDS (default 3) per server and endpoint; BENCH_CONNECTIONS (default 16);
 * BENCH_SHARED_STORE=off skips the Azurite runs.
 */
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const warmup = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const withSharedStore = process.env.BENCH_SHARED_STORE !== 'off';
const QUESTION = 'what is geo-redundant backup?';

/** One measured run. */
interface Run {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU time the server process spent per request (all its threads). */
  cpuMsPerRequest: number;
}

/** A server and endpoint under load: its requests (ids keep counting across runs) and its runs. */
interface Subject {
  name: string;
  target: LoadTarget;
  requests: Request[];
  runs: Run[];
}

const connectorThread = startBenchWorker<ConnectorThreadRequest, ConnectorThreadReply>(
  new URL('./connector-thread.ts', import.meta.url),
);
const { serviceUrl } = await connectorThread.send<{ serviceUrl: string }>({ cmd: 'start' });
const slackApi = await new SlackApiStub().start();
// The stub keeps every call; it is forgotten as it comes (a load run's auth.test and little else).
slackApi.onCall = () => {
  slackApi.calls.length = 0;
};
const dataDirs: string[] = [];
let azurite: Azurite | undefined;

/** Runs the load once against a subject, sampling its server's memory while it works. */
async function measure(subject: Subject, duration: number): Promise<Run> {
  const { target, requests } = subject;
  const url = `http://127.0.0.1:${target.port}`;
  const sampler = setInterval(() => target.sampleRss(), 250);
  try {
    const cpuBefore = target.cpuMs();
    const result = await autocannon({ url, connections, duration, requests, timeout: 10 });
    target.sampleRss();
    const cpuMs = target.cpuMs() - cpuBefore;
    const ok = result.requests.total - result.non2xx;
    return {
      perSecond: ok / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx,
      cpuMsPerRequest: cpuMs / Math.max(1, result.requests.total),
    };
  } finally {
    clearInterval(sampler);
  }
}

const teams = () => teamsRequests(serviceUrl, QUESTION);
const slack = () => slackRequests((id) => slackApi.responseUrl(id), QUESTION);

const started: LoadTarget[] = [];
async function start(kind: TargetKind, env: Record<string, string>): Promise<LoadTarget> {
  const target = await startTarget(kind, env);
  started.push(target);
  return target;
}

function botEnv(store: 'level' | 'blob'): Record<string, string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'georestore-load-'));
  dataDirs.push(dataDir);
  return {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    STORE: store,
    SLACK_BOT_TOKEN: 'xoxb-load-0000-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApi.apiUrl,
    ...(store === 'blob' && azurite ? { AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString } : {}),
  };
}

/** The median round, as the other benchmarks take it. */
const median = (values: number[]) => percentile(values, 50);
const of = (subject: Subject, pick: (run: Run) => number) => subject.runs.map(pick);
const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(9);

function row(s: Subject): string {
  const perSecond = of(s, (r) => r.perSecond);
  const p99 = of(s, (r) => r.p99);
  const errors = of(s, (r) => r.errors).reduce((a, b) => a + b, 0);
  return `  ${s.name.padEnd(40)}${median(perSecond).toFixed(0).padStart(6)} req/s (${Math.min(...perSecond).toFixed(0)}-${Math.max(...perSecond).toFixed(0)})  p50 ${ms(median(of(s, (r) => r.p50)))}  p99 ${ms(median(p99))} (worst ${Math.max(...p99).toFixed(0)})  errors ${String(errors).padStart(4)}  rss ${(s.target.peakRss / 2 ** 20).toFixed(0).padStart(4)} MB (idle ${(s.target.idleRss / 2 ** 20).toFixed(0)})  cpu ${median(of(s, (r) => r.cpuMsPerRequest)).toFixed(2)} ms/req`;
}

/** The ratio of each round (bot over the bare run just before it), and their median. */
function ratios(ours: Subject, bare: Subject): { each: number[]; median: number } {
  const each = ours.runs.map((run, i) => run.perSecond / (bare.runs[i]?.perSecond ?? Number.NaN));
  return { each, median: median(each) };
}

function verdict(label: string, ours: Subject, bare: Subject): string {
  const ratio = ratios(ours, bare);
  const p99 = median(of(ours, (r) => r.p99));
  const rss = ours.target.peakRss / 2 ** 20;
  const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  const each = ratio.each.map((r) => r.toFixed(2)).join(', ');
  return `  ${label}: ratio ${ratio.median.toFixed(2)} (rounds: ${each}; >= 0.80 ${mark(ratio.median >= 0.8)}), p99 ${p99.toFixed(1)} ms (< 50 ${mark(p99 < 50)}), rss ${rss.toFixed(0)} MB (< 200 ${mark(rss < 200)})`;
}

/**
 * Where the Slack gap lies: the bot's edge without its engine against the bare app, and the CPU per
 * request that the edge and the engine each add to the bare app's.
 */
function edgeShare(edge: Subject, bot: Subject, bare: Subject): string {
  const cpu = (s: Subject) => median(of(s, (r) => r.cpuMsPerRequest));
  const ratio = ratios(edge, bare).median;
  return `  Slack, split (for information): the edge without the engine reads ratio ${ratio.toFixed(2)}; CPU per request bare ${cpu(bare).toFixed(3)} ms, + edge ${(cpu(edge) - cpu(bare)).toFixed(3)} ms, + engine ${(cpu(bot) - cpu(edge)).toFixed(3)} ms`;
}

/** Bare framework then bot, per endpoint. */
type Pair = [bare: Subject, bot: Subject];
/** `slackEdge`: the bot's Slack edge with an engine that answers nothing (edge-floor.ts), when measured. */
type Pairs = { teams: Pair; slack: Pair; slackEdge?: Subject };

/**
 * Warms each server and endpoint up, then measures every pair in turn, bare framework first, for
 * `rounds` rounds, so that each ratio compares two runs seconds apart. `slackEdge`, when given, runs
 * between the bare Bolt app and the bot.
 */
async function measureRounds(
  bareTeams: LoadTarget,
  bareSlack: LoadTarget,
  bot: LoadTarget,
  store: string,
  slackEdge?: LoadTarget,
): Promise<Pairs> {
  const subject = (name: string, target: LoadTarget, requests: Request[]): Subject => ({
    name,
    target,
    requests,
    runs: [],
  });
  const pairs: Pairs = {
    teams: [
      subject('bare botbuilder echo bot', bareTeams, teams()),
      subject(`bot, Teams /api/messages, ${store}`, bot, teams()),
    ],
    slack: [
      subject('bare Bolt app (ack only)', bareSlack, slack()),
      subject(`bot, Slack /georestore, ${store}`, bot, slack()),
    ],
  };
  if (slackEdge) pairs.slackEdge = subject(`Slack edge, no engine, ${store}`, slackEdge, slack());
  const order = [
    ...pairs.teams,
    pairs.slack[0],
    ...(pairs.slackEdge ? [pairs.slackEdge] : []),
    pairs.slack[1],
  ];
  for (const s of order) await measure(s, warmup);
  bot.peakRss = bot.sampleRss();
  for (let round = 0; round < rounds; round++) {
    for (const s of order) s.runs.push(await measure(s, seconds));
  }
  return pairs;
}

try {
  console.log(
    `load: ${connections} connections; ${rounds} rounds of ${seconds} s per run, after ${warmup} s of warm-up; question "${QUESTION}"`,
  );
  const bareTeams = await start('bare-teams', {});
  const bareSlack = await start('bare-slack', { SLACK_API_URL: slackApi.apiUrl });
  const embedded = await start('bot', botEnv('level'));
  const edge = await start('slack-edge-floor', botEnv('level'));
  const local = await measureRounds(bareTeams, bareSlack, embedded, 'embedded store', edge);
  // Azurite starts only now, so that its own work does not share the CPU with the embedded runs.
  let shared: Pairs | undefined;
  if (withSharedStore) {
    azurite = await startAzurite();
    const blob = await start('bot', botEnv('blob'));
    shared = await measureRounds(bareTeams, bareSlack, blob, 'blob store');
  }
  console.log('');
  for (const s of [
    local.teams[0],
    local.teams[1],
    shared?.teams[1],
    local.slack[0],
    local.slackEdge,
    local.slack[1],
    shared?.slack[1],
  ]) {
    if (s) console.log(row(s));
  }
  console.log('');
  console.log(
    'targets on the embedded store (medians over the rounds; rss: peak of the whole bot process under load, both edges, engine and matcher, run as npm start runs it: the compiled build with the start flags):',
  );
  console.log(verdict('Teams', local.teams[1], local.teams[0]));
  console.log(verdict('Slack', local.slack[1], local.slack[0]));
  if (local.slackEdge) console.log(edgeShare(local.slackEdge, local.slack[1], local.slack[0]));
  if (shared) {
    console.log(
      'shared store (Azurite on this machine, bare frameworks measured again beside it; for information):',
    );
    console.log(verdict('Teams', shared.teams[1], shared.teams[0]));
    console.log(verdict('Slack', shared.slack[1], shared.slack[0]));
  } else {
    console.log('shared store: skipped (BENCH_SHARED_STORE=off)');
  }
} finally {
  for (const target of started) await target.stop();
  await azurite?.stop();
  await slackApi.close();
  await connectorThread.send({ cmd: 'stop' });
  await connectorThread.terminate();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}
