import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createSlackEdge } from '../../adapters/slack/create-slack-edge.js';
import { createHttpServer } from '../../bot/http/http-server.js';
import type { TurnHandler } from '../../bot/model.js';
import { silentLogger } from '../../bot/ports/logger.js';
import type { Store } from '../../bot/ports/store.js';
import { SIGNING_SECRET } from '../support/slack-requests.js';
import { startBareBolt } from './bare-bolt-app.js';
import { percentile, startBenchWorker } from './bench-worker.js';
import type { LoadReply, LoadRequest } from './slack-bench-load.js';

const TOKEN = 'xoxb-bench-token';
const REQUESTS = 2000;
const WARMUP = 300;
const CONCURRENCY = 32;
const ROUNDS = 3;

interface Round {
  rps: number;
  latencies: number[];
  /** Answers that came in the ack body; the rest came through the response_url. */
  inAck: number;
}

/** The load generator and loopback Web API, on a worker thread (see slack-bench-load.ts). */
function startLoad() {
  const worker = startBenchWorker<LoadRequest, LoadReply>(new URL('./slack-bench-load.ts', import.meta.url));
  return {
    start: () => worker.send<{ apiUrl: string }>({ cmd: 'start' }),
    drive: (url: string, count: number, prefix: string, until: 'ack' | 'answer') =>
      worker.send<Round>({ cmd: 'drive', url, count, concurrency: CONCURRENCY, prefix, until }),
    async stop() {
      await worker.send({ cmd: 'stop' });
      await worker.terminate();
    },
  };
}

function urlOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
}

/**
 * Slash-command throughput of a full bot turn (signed request → engine → Block Kit answer received,
 * in the ack body when the engine beats the ack deadline, else at the response_url) against a bare Bolt app that only acknowledges the same signed
 * command, in the same run; rounds alternate and the median round counts.
 */
export async function benchSlack(handler: TurnHandler, store: Store): Promise<string[]> {
  const load = startLoad();
  const { apiUrl } = await load.start();

  // Served as the bot serves it: the shared HTTP server, with the Slack endpoint as a direct route.
  const edge = createSlackEdge({
    config: { mode: 'http', botToken: TOKEN, signingSecret: SIGNING_SECRET, apiUrl },
    store,
    logger: silentLogger,
  });
  const ours = createHttpServer({ logger: silentLogger, mounts: [edge.serve(handler)] });
  const oursUrl = `http://127.0.0.1:${(await ours.listen(0, '127.0.0.1')).port}/slack/events`;

  const { server: bareServer, stop: stopBare } = await startBareBolt(apiUrl);

  try {
    await load.drive(urlOf(bareServer), WARMUP, 'warm-bare', 'ack');
    await load.drive(oursUrl, WARMUP, 'warm-ours', 'answer');
    const bareRounds: Round[] = [];
    const ourRounds: Round[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bareRounds.push(await load.drive(urlOf(bareServer), REQUESTS, `bare-${round}`, 'ack'));
      ourRounds.push(await load.drive(oursUrl, REQUESTS, `ours-${round}`, 'answer'));
    }
    const bareRps = percentile(
      bareRounds.map((r) => r.rps),
      50,
    );
    const ourRps = percentile(
      ourRounds.map((r) => r.rps),
      50,
    );
    const bareLat = bareRounds.flatMap((r) => r.latencies);
    const ourLat = ourRounds.flatMap((r) => r.latencies);
    const inAck = ourRounds.reduce((sum, r) => sum + r.inAck, 0);
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const row = (name: string, rps: number, lat: number[]) =>
      `  ${name.padEnd(34)}${rps.toFixed(0).padStart(6)} req/s  p50 ${ms(percentile(lat, 50))}  p99 ${ms(percentile(lat, 99))}`;
    return [
      `Slack /georestore: ${REQUESTS} signed requests x ${ROUNDS} rounds, ${CONCURRENCY} concurrent, median round`,
      row('bare Bolt app (ack only)', bareRps, bareLat),
      row('GeoRestore Bot (full turn)', ourRps, ourLat),
      `  answers in the ack body: ${inAck}/${REQUESTS * ROUNDS}, the rest through response_url`,
      `  ratio full turn / bare ack: ${(ourRps / bareRps).toFixed(2)} (target >= 0.80)`,
    ];
  } finally {
    await ours.close();
    await stopBare();
    await load.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `npm run bench:slack`: the Slack part of `npm run bench` on its own (full turns, embedded store).
  const { withBenchBot } = await import('./bench-bot.js');
  await withBenchBot(async (engine, store) => {
    for (const line of await benchSlack(engine, store)) console.log(line);
  });
}
