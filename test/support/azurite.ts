import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Azurite's well-known development account (public, the same in every Azurite). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  /** The account's blob endpoint, e.g. http://127.0.0.1:43049/devstoreaccount1 */
  blobUrl: string;
  connectionString: string;
  /** Kills Azurite and waits for it to exit; everything it held is gone (in-memory persistence). */
  stop(): Promise<void>;
}

const bin = fileURLToPath(new URL('../../node_modules/.bin/azurite-blob', import.meta.url));
const LISTENING = /successfully listens on (http:\/\/[^\s]+)/;

/**
 * Starts Azurite's blob service (the pinned azurite 3.35.0, the last on Node 20) on a free loopback
 * port (or the one given) with in-memory persistence, and resolves once the port answers HTTP. Generous timeout: on a
 * loaded 2-core machine Azurite can take several seconds to start.
 */
export async function startAzurite(options: { timeoutMs?: number; port?: number } = {}): Promise<Azurite> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const workDir = mkdtempSync(join(tmpdir(), 'grb-azurite-'));
  const child = spawn(
    process.execPath,
    [
      bin,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(options.port ?? 0),
      '--inMemoryPersistence',
      '--extentMemoryLimit',
      '256',
      '--silent',
      '--disableTelemetry',
    ],
    { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await kill(child);
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    const origin = await listeningOrigin(child, timeoutMs);
    await untilAnswering(origin, Date.now() + timeoutMs);
    const blobUrl = `${origin}/${AZURITE_ACCOUNT}`;
    return {
      blobUrl,
      connectionString: `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};BlobEndpoint=${blobUrl};`,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function listeningOrigin(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`Azurite ${why}; its output:\n${output}`));
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/+$/, ''));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => fail(`could not be spawned (${error.message})`));
    child.once('exit', (code, signal) => fail(`exited early (${signal ?? code})`));
  });
}

/** Any HTTP answer (Azurite says 400 to a bare GET) means the port is serving. */
async function untilAnswering(origin: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      const res = await fetch(origin, { signal: AbortSignal.timeout(5_000) });
      await res.body?.cancel();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`Azurite at ${origin} does not answer`, { cause: error });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
