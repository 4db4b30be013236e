import { type ChildProcess, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort, procStat, startFlags, untilReady } from '../../support/served-process.js';

export type TargetKind = 'bot' | 'bare-teams' | 'bare-slack' | 'slack-edge-floor';

export interface LoadTarget {
  port: number;
  /** Resident memory once it listened, before any load, in bytes. */
  idleRss: number;
  /** Highest resident memory seen by `sampleRss` so far, in bytes. */
  peakRss: number;
  /** Reads the process's resident memory now; keeps the peak. */
  sampleRss(): number;
  /** CPU time (user and system, all threads) the process has used so far, in milliseconds. */
  cpuMs(): number;
  stop(): Promise<void>;
}

const root = fileURLToPath(new URL('../../../', import.meta.url));
const baseline = fileURLToPath(new URL('./load-target-main.ts', import.meta.url));

/**
 * Starts a server under load in its own process: the bot exactly as `npm start` runs it (the compiled
 * build/bot/main.js with the start flags, configured from the environment, ready once /readyz says so),
 * or a baseline (load-target-main.ts, which reports its port): a bare framework, or the bot's Slack
 * edge without its engine. Memory and CPU are read
 * from /proc, the same way for both (Linux). BENCH_CPU_PROFILE_DIR: each writes a V8 CPU profile there.
 */
export async function startTarget(kind: TargetKind, env: Record<string, string>): Promise<LoadTarget> {
  const profile = process.env.BENCH_CPU_PROFILE_DIR;
  const profiling = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  let child: ChildProcess;
  let port: number;
  if (kind === 'bot') {
    port = await freePort();
    child = spawn(process.execPath, [...startFlags(), ...profiling, 'build/bot/main.js'], {
      cwd: root,
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await untilReady(port, child);
  } else {
    child = fork(baseline, [kind], {
      execArgv: ['--import', 'tsx', ...profiling],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    port = await new Promise<number>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`${kind} exited with ${code} before it listened`)));
      child.once('message', (message) => resolve((message as { port: number }).port));
    });
    child.removeAllListeners('exit');
  }
  const pid = child.pid ?? 0;
  const target: LoadTarget = {
    port,
    idleRss: 0,
    peakRss: 0,
    sampleRss() {
      const rss = rssOf(pid);
      target.peakRss = Math.max(target.peakRss, rss);
      return rss;
    },
    cpuMs: () => cpuMsOf(pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
  target.idleRss = target.sampleRss();
  return target;
}

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return Number(line?.[1] ?? 0) * 1024;
}

function cpuMsOf(pid: number): number {
  const fields = procStat(pid);
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
