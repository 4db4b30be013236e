import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type TargetKind = 'bot' | 'bare-teams' | 'bare-slack';

export interface LoadTarget {
  port: number;
  /** Resident memory once it listened, before any load, in bytes. */
  idleRss: number;
  /** Highest resident memory seen by `sampleRss` so far, in bytes. */
  peakRss: number;
  /** Asks the process for its resident memory now; keeps the peak. */
  sampleRss(): Promise<number>;
  /** CPU time (user and system) the process has used so far, in milliseconds. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

const entry = fileURLToPath(new URL('./load-target-main.ts', import.meta.url));

/** Starts a server under load in its own Node process (see load-target-main.ts) and waits for its port. */
export async function startTarget(kind: TargetKind, env: Record<string, string>): Promise<LoadTarget> {
  // BENCH_CPU_PROFILE_DIR: each target process writes a V8 CPU profile there when it exits.
  const profile = process.env.BENCH_CPU_PROFILE_DIR;
  const child = fork(entry, [kind], {
    execArgv: ['--import', 'tsx', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code} before it listened`)));
    child.once('message', (message) => resolve((message as { port: number }).port));
  });
  child.removeAllListeners('exit');
  const target: LoadTarget = {
    port,
    idleRss: 0,
    peakRss: 0,
    async sampleRss() {
      const { rss } = await ask(child);
      target.peakRss = Math.max(target.peakRss, rss);
      return rss;
    },
    cpuMs: async () => (await ask(child)).cpuMs,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
  target.idleRss = await target.sampleRss();
  return target;
}

function ask(child: ChildProcess): Promise<{ rss: number; cpuMs: number }> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      const { rss, cpuMs } = message as { rss?: unknown; cpuMs?: unknown };
      if (typeof rss !== 'number' || typeof cpuMs !== 'number') return;
      child.off('message', onMessage);
      resolve({ rss, cpuMs });
    };
    child.on('message', onMessage);
    child.send('rss');
  });
}
