import { createTeamsEdge } from '../../adapters/teams/create-teams-edge.js';
import { createHttpServer } from '../../bot/http/http-server.js';
import type { TurnHandler } from '../../bot/model.js';
import { silentLogger } from '../../bot/ports/logger.js';
import type { Store } from '../../bot/ports/store.js';
import { startEchoBot } from './bare-echo-bot.js';
import { percentile, startBenchWorker } from './bench-worker.js';
import type { TeamsLoadReply, TeamsLoadRequest } from './teams-bench-load.js';

export interface TeamsBenchOptions {
  /** The turn handler behind the Teams edge: the real engine (see withBenchBot). */
  handler: TurnHandler;
  /** Where the engine and the edge keep state and cards: the embedded store. */
  store: Store;
  requests?: number;
  concurrency?: number;
  rounds?: number;
  /** Turns each bot answers before measuring, so both are measured with their code paths optimised. */
  warmup?: number;
  /** How many different people (each in a 1:1 chat) the load comes from. */
  people?: number;
}

interface Round {
  rps: number;
  latencies: number[];
  replies: number;
}

const QUESTION = 'how do I geo-restore my server?';

/**
 * Throughput and latency of a full Teams turn (HTTP in, engine, card out to a loopback Bot Connector)
 * next to a bare botbuilder echo bot, in the same run, with the load generator and the connector on a
 * worker thread; rounds alternate which bot goes first and the median round counts.
 */
export async function benchTeams(options: TeamsBenchOptions): Promise<string[]> {
  const requests = options.requests ?? 2000;
  const concurrency = options.concurrency ?? 16;
  const rounds = options.rounds ?? 3;
  const warmup = options.warmup ?? 1000;
  const people = options.people ?? 64;
  const load = startBenchWorker<TeamsLoadRequest, TeamsLoadReply>(
    new URL('./teams-bench-load.ts', import.meta.url),
  );
  await load.send<{ serviceUrl: string }>({ cmd: 'start' });
  const ours = await startEdge(options.handler, options.store);
  const bare = await startEchoBot();
  const drive = (url: string, count: number) =>
    load.send<Round>({ cmd: 'drive', url, count, concurrency, text: QUESTION, people });
  try {
    await drive(ours.url, warmup);
    await drive(bare.url, warmup);
    const edgeRuns: Round[] = [];
    const bareRuns: Round[] = [];
    for (let i = 0; i < rounds; i++) {
      // The one that runs second in a pair finds the machine warmer; take turns at going first.
      if (i % 2 === 0) {
        edgeRuns.push(await drive(ours.url, requests));
        bareRuns.push(await drive(bare.url, requests));
      } else {
        bareRuns.push(await drive(bare.url, requests));
        edgeRuns.push(await drive(ours.url, requests));
      }
    }
    for (const run of [...edgeRuns, ...bareRuns]) {
      if (run.replies !== requests) throw new Error(`${run.replies} replies for ${requests} turns`);
    }
    const edge = median(edgeRuns);
    const echo = median(bareRuns);
    const ratio = edge.rps / echo.rps;
    return [
      `teams: ${requests} turns x ${rounds} rounds, ${concurrency} concurrent from ${people} people, median round (load and connector on a worker thread)`,
      `  teams endpoint (full turn, answer card): ${fmt(edge)}`,
      `  bare botbuilder echo bot:                ${fmt(echo)}`,
      `  ratio full turn / bare echo: ${ratio.toFixed(2)} (target >= 0.80)${ratio >= 0.8 ? '' : '  BELOW TARGET'}`,
    ];
  } finally {
    await ours.close();
    await bare.close();
    await load.send({ cmd: 'stop' });
    await load.terminate();
  }
}

async function startEdge(handler: TurnHandler, store: Store) {
  const edge = createTeamsEdge({
    config: { mode: 'local', port: 0, host: '127.0.0.1' },
    store,
    logger: silentLogger,
  });
  const server = createHttpServer({ logger: silentLogger, mounts: [edge.serve(handler)] });
  const { port } = await server.listen(0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}/api/messages`, close: () => server.close() };
}

function median(runs: Round[]): Round {
  const sorted = [...runs].sort((a, b) => a.rps - b.rps);
  return sorted[Math.floor(sorted.length / 2)] ?? { rps: 0, latencies: [], replies: 0 };
}

function fmt(run: Round): string {
  return `${run.rps.toFixed(0)} msg/s, p50 ${percentile(run.latencies, 50).toFixed(1)} ms, p99 ${percentile(run.latencies, 99).toFixed(1)} ms`;
}
