import { Worker } from 'node:worker_threads';

/**
 * A benchmark's outside world (load generator and loopback platform API) on its own thread, so that it
 * does not share a CPU with the servers under test. The worker is TypeScript too: it registers tsx's
 * loader itself, as workers do not inherit it. One request at a time, answered in order.
 */
export function startBenchWorker<Request, Reply>(entry: URL) {
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  const worker = new Worker(boot, { eval: true });
  const send = <T extends Reply>(request: Request) => {
    const reply = new Promise<T>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    }).finally(() => worker.removeAllListeners('error'));
    worker.postMessage(request);
    return reply;
  };
  return {
    send,
    terminate: () => worker.terminate(),
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
