import { performance } from 'node:perf_hooks';
import { MemoryStore } from '../../adapters/store/memory-store.js';
import { createTeamsEdge } from '../../adapters/teams/create-teams-edge.js';
import { createHttpServer } from '../../bot/http-server.js';
import type { TurnHandler } from '../../bot/model.js';
import { silentLogger } from '../../bot/ports/logger.js';
import { BotConnectorStub } from '../support/bot-connector-stub.js';
import { geoAnswer } from '../teams/scripted-handler.js';
import { personalMessage } from '../teams/teams-activities.js';
import { startEchoBot } from './bare-echo-bot.js';

export interface TeamsBenchOptions {
  /** The turn handler behind the Teams edge; by default one that answers with a full answer card. */
  handler?: TurnHandler;
  requests?: number;
  concurrency?: number;
  rounds?: number;
  /** Turns each bot answers before measuring, so both are measured with their code paths optimised. */
  warmup?: number;
}

interface Run {
  perSecond: number;
  /** CPU time of the whole process per turn (server, load generator and connector stub alike), in µs. */
  cpuPerTurn: number;
  p50: number;
  p99: number;
}

const answering: TurnHandler = { handle: async () => [geoAnswer] };

/**
 * Throughput and latency of a full Teams turn (HTTP in, engine, card out to a loopback Bot Connector)
 * next to a bare botbuilder echo bot on the same machine, connector and load, in rounds that alternate
 * which bot goes first.
 */
export async function benchTeams(options: TeamsBenchOptions = {}): Promise<string[]> {
  const requests = options.requests ?? 2000;
  const concurrency = options.concurrency ?? 16;
  const rounds = options.rounds ?? 3;
  const warmup = options.warmup ?? 1000;
  const connector = await new BotConnectorStub().start();
  const ours = await startEdge(options.handler ?? answering);
  const bare = await startEchoBot();
  try {
    const activity = JSON.stringify(personalMessage(connector.serviceUrl, 'how do I geo-restore my server?'));
    await load(ours.url, activity, warmup, concurrency);
    await load(bare.url, activity, warmup, concurrency);
    const edgeRuns: Run[] = [];
    const bareRuns: Run[] = [];
    const round = async (url: string, runs: Run[]) => {
      connector.calls.length = 0;
      runs.push(await load(url, activity, requests, concurrency));
    };
    for (let i = 0; i < rounds; i++) {
      // Both bots share the process, so the one that runs second in a pair finds it warmer; take
      // turns at going first (ABBA…) so neither gets that advantage every round.
      if (i % 2 === 0) {
        await round(ours.url, edgeRuns);
        await round(bare.url, bareRuns);
      } else {
        await round(bare.url, bareRuns);
        await round(ours.url, edgeRuns);
      }
    }
    const edge = median(edgeRuns);
    const echo = median(bareRuns);
    const ratio = edge.perSecond / echo.perSecond;
    return [
      `teams: ${requests} turns x ${rounds} rounds, ${concurrency} concurrent, median round`,
      `teams endpoint (full turn, answer card): ${fmt(edge)}`,
      `bare botbuilder echo bot:                ${fmt(echo)}`,
      `teams/bare throughput ratio: ${ratio.toFixed(2)} (target >= 0.80)${ratio >= 0.8 ? '' : '  BELOW TARGET'}`,
      // Wall-clock throughput swings with whatever else the machine runs; CPU per turn much less so.
      `bare/teams cpu-per-turn ratio: ${(echo.cpuPerTurn / edge.cpuPerTurn).toFixed(2)} (whole process, load generator and stub included)`,
    ];
  } finally {
    await ours.close();
    await bare.close();
    await connector.stop();
  }
}

async function startEdge(handler: TurnHandler) {
  const edge = createTeamsEdge({
    config: { mode: 'local', port: 0, host: '127.0.0.1' },
    handler,
    store: new MemoryStore(),
    logger: silentLogger,
  });
  const server = createHttpServer({ logger: silentLogger, mounts: [edge.mount] });
  const { port } = await server.listen(0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}/api/messages`, close: () => server.close() };
}

async function load(url: string, body: string, requests: number, concurrency: number): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      next++;
      const started = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`bench request answered ${res.status}`);
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return {
    perSecond: requests / seconds,
    cpuPerTurn: (used.user + used.system) / requests,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function median(runs: Run[]): Run {
  const sorted = [...runs].sort((a, b) => a.perSecond - b.perSecond);
  return sorted[Math.floor(sorted.length / 2)] ?? { perSecond: 0, cpuPerTurn: 0, p50: 0, p99: 0 };
}

function fmt(run: Run): string {
  return `${run.perSecond.toFixed(0)} msg/s, cpu ${(run.cpuPerTurn / 1000).toFixed(2)} ms/turn, p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms`;
}
