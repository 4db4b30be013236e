import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Request } from 'autocannon';
import { type Azurite, startAzurite } from '../../support/azurite.js';
import { BotConnectorStub } from '../../support/bot-connector-stub.js';
import { SlackApiStub } from '../../support/slack-api-stub.js';
import { SIGNING_SECRET } from '../../support/slack-requests.js';
import { slackRequests, teamsRequests } from './load-requests.js';
import { type LoadTarget, startTarget, type TargetKind } from './load-target.js';

/**
 * `npm run bench:load`: both endpoints of the bot (each in its own process, as `npm start` runs it)
 * under concurrent load from autocannon, in the same run as the bare-framework baselines, with the
 * embedded store and with the shared blob store on Azurite. Prints throughput, p50/p99, errors,
 * resident memory and the ratios; it asserts nothing.
 *
 * BENCH_SECONDS (default 10) per measured run, after BENCH_WARMUP_SECONDS (default 3);
 * BENCH_CONNECTIONS (default 16); BENCH_SHARED_STORE=off skips the Azurite runs.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmup = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const withSharedStore = process.env.BENCH_SHARED_STORE !== 'off';
const QUESTION = 'what is geo-redundant backup?';

interface Figures {
  name: string;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  rssMb: number;
  idleMb: number;
  /** CPU time the server process spent per request (all its threads). */
  cpuMsPerRequest: number;
}

const connector = await new BotConnectorStub().start();
const slackApi = await new SlackApiStub().start();
// The stubs keep every call; a load run makes hundreds of thousands, so they are forgotten as they come.
slackApi.onCall = () => {
  slackApi.calls.length = 0;
};
const forgetConnectorCalls = setInterval(() => {
  connector.calls.length = 0;
}, 200);
const dataDirs: string[] = [];
let azurite: Azurite | undefined;

/** One measured run against a started target, sampling its memory while it works. */
async function measure(name: string, target: LoadTarget, requests: Request[]): Promise<Figures> {
  const url = `http://127.0.0.1:${target.port}`;
  await autocannon({ url, connections, duration: warmup, requests });
  const sampler = setInterval(() => target.sampleRss(), 250);
  try {
    const cpuBefore = target.cpuMs();
    const result = await autocannon({ url, connections, duration: seconds, requests, timeout: 10 });
    target.sampleRss();
    const cpuMs = target.cpuMs() - cpuBefore;
    const ok = result.requests.total - result.non2xx;
    return {
      name,
      perSecond: ok / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx,
      rssMb: target.peakRss / 2 ** 20,
      idleMb: target.idleRss / 2 ** 20,
      cpuMsPerRequest: cpuMs / Math.max(1, result.requests.total),
    };
  } finally {
    clearInterval(sampler);
  }
}

const teams = () => teamsRequests(connector.serviceUrl, QUESTION);
const slack = () => slackRequests((id) => slackApi.responseUrl(id), QUESTION);

async function withTarget<T>(
  kind: TargetKind,
  env: Record<string, string>,
  run: (t: LoadTarget) => Promise<T>,
) {
  const target = await startTarget(kind, env);
  try {
    return await run(target);
  } finally {
    await target.stop();
  }
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

const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(9);
const row = (f: Figures) =>
  `  ${f.name.padEnd(40)}${f.perSecond.toFixed(0).padStart(6)} req/s  p50 ${ms(f.p50)}  p99 ${ms(f.p99)}  errors ${String(f.errors).padStart(4)}  rss ${f.rssMb.toFixed(0).padStart(4)} MB (idle ${f.idleMb.toFixed(0)})  cpu ${f.cpuMsPerRequest.toFixed(2)} ms/req`;

function verdicts(label: string, ours: Figures, bare: Figures): string[] {
  const ratio = ours.perSecond / bare.perSecond;
  const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  return [
    `  ${label}: ratio ${ratio.toFixed(2)} (>= 0.80 ${mark(ratio >= 0.8)}), p99 ${ours.p99.toFixed(1)} ms (< 50 ${mark(ours.p99 < 50)}), rss ${ours.rssMb.toFixed(0)} MB (< 200 ${mark(ours.rssMb < 200)})`,
  ];
}

try {
  console.log(
    `load: ${connections} connections, ${warmup} s warm-up + ${seconds} s measured per run, question "${QUESTION}"`,
  );
  const bareTeams = await withTarget('bare-teams', {}, (t) =>
    measure('bare botbuilder echo bot', t, teams()),
  );
  const bareSlack = await withTarget('bare-slack', { SLACK_API_URL: slackApi.apiUrl }, (t) =>
    measure('bare Bolt app (ack only)', t, slack()),
  );
  const embedded = await withTarget('bot', botEnv('level'), async (t) => ({
    teams: await measure('bot, Teams /api/messages, embedded store', t, teams()),
    slack: await measure('bot, Slack /georestore, embedded store', t, slack()),
  }));
  let shared: { teams: Figures; slack: Figures } | undefined;
  if (withSharedStore) {
    azurite = await startAzurite();
    shared = await withTarget('bot', botEnv('blob'), async (t) => ({
      teams: await measure('bot, Teams /api/messages, blob store', t, teams()),
      slack: await measure('bot, Slack /georestore, blob store', t, slack()),
    }));
  }
  console.log('');
  for (const f of [bareTeams, embedded.teams, ...(shared ? [shared.teams] : [])]) console.log(row(f));
  for (const f of [bareSlack, embedded.slack, ...(shared ? [shared.slack] : [])]) console.log(row(f));
  console.log('');
  console.log(
    'targets on the embedded store (rss: peak of the whole bot process under load, both edges, engine and matcher, run as npm start runs it: the compiled build with the start flags):',
  );
  console.log(...verdicts('Teams', embedded.teams, bareTeams));
  console.log(...verdicts('Slack', embedded.slack, bareSlack));
  if (shared) {
    console.log('shared store (Azurite on this machine; for information):');
    console.log(...verdicts('Teams', shared.teams, bareTeams));
    console.log(...verdicts('Slack', shared.slack, bareSlack));
  } else {
    console.log('shared store: skipped (BENCH_SHARED_STORE=off)');
  }
} finally {
  clearInterval(forgetConnectorCalls);
  await azurite?.stop();
  await slackApi.close();
  await connector.stop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}
