import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** One JSON log line of a replica (pino: `msg` is the event name). */
export type LogLine = { msg?: string; level?: string } & Record<string, unknown>;

export interface ReplicaProcess {
  name: string;
  /** POST /slack/events on this replica. */
  slackUrl: string;
  /** Its lease holder id. */
  holder: string;
  logs: LogLine[];
  /** Resolves once the replica has logged a line that satisfies `check`. */
  logged(check: (line: LogLine) => boolean): Promise<LogLine>;
  /** SIGKILL: the process dies on the spot, holding whatever leases it held. */
  kill(): Promise<void>;
  /** SIGTERM: a clean shutdown. */
  stop(): Promise<void>;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const entry = fileURLToPath(new URL('./replica-main.ts', import.meta.url));

/**
 * Starts test/support/replica-main.ts as a child process with exactly `env` (plus PATH and HOME) and
 * resolves once it logged `bot.started`. A replica that exits first rejects with its output.
 */
export function startReplica(name: string, env: Record<string, string>): Promise<ReplicaProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const logs: LogLine[] = [];
  let stderr = '';
  let waiters: Array<{ check: (line: LogLine) => boolean; resolve: (line: LogLine) => void }> = [];
  const onLine = (line: LogLine) => {
    logs.push(line);
    const done = waiters.filter((w) => w.check(line));
    waiters = waiters.filter((w) => !done.includes(w));
    for (const w of done) w.resolve(line);
  };
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const raw of lines) {
      if (raw.trim() === '') continue;
      try {
        onLine(JSON.parse(raw) as LogLine);
      } catch {
        stderr += `${raw}\n`;
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });

  const logged = (check: (line: LogLine) => boolean) => {
    const seen = logs.find(check);
    if (seen) return Promise.resolve(seen);
    return new Promise<LogLine>((resolve) => waiters.push({ check, resolve }));
  };
  const ended = (signal: NodeJS.Signals) => {
    process.removeListener('exit', killOnExit);
    return exited(child, signal);
  };

  return new Promise((resolve, reject) => {
    const early = (code: number | null, signal: NodeJS.Signals | null) =>
      reject(new Error(`replica ${name} exited before it started (${signal ?? code}):\n${stderr}`));
    child.once('exit', early);
    void logged((l) => l.msg === 'bot.started').then((started) => {
      child.removeListener('exit', early);
      resolve({
        name,
        slackUrl: `http://127.0.0.1:${String(started.port)}/slack/events`,
        holder: String(started.holder),
        logs,
        logged,
        kill: () => ended('SIGKILL'),
        stop: () => ended('SIGTERM'),
      });
    });
  });
}

function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
