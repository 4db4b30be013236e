import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { personalMessage } from '../teams/teams-activities.js';
import type { BotConnectorStub } from './bot-connector-stub.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The node flags `npm start` runs the bot with (package.json `config.nodeFlags`); BENCH_NODE_FLAGS
 * replaces them, to try others.
 */
export function startFlags(): string[] {
  const override = process.env.BENCH_NODE_FLAGS;
  if (override !== undefined) return override.split(/\s+/).filter(Boolean);
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { config?: { nodeFlags?: string } };
  return (pkg.config?.nodeFlags ?? '').split(/\s+/).filter(Boolean);
}

/**
 * The fields of /proc/<pid>/stat after the command name (Linux), numbered from 0: the process group
 * is [2], user and system CPU time in clock ticks (100 per second) are [11] and [12].
 */
export function procStat(pid: number): string[] {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
}

/** A port free on the loopback interface now, for a child process to listen on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Resolves once the server a child process starts answers GET /readyz with 200; rejects if the child
 * exits first (with `output()`, what it printed) or after `timeoutMs`.
 */
export async function untilReady(
  port: number,
  child: ChildProcess,
  output: () => string = () => '',
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the process exited (${child.exitCode ?? child.signalCode}) before it was ready\n${output()}`,
      );
    }
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not ready within ${timeoutMs} ms\n${output()}`);
}

/** Everything a child process prints, stdout and stderr together, as it comes. */
export function capturedOutput(child: ChildProcess): () => string {
  let output = '';
  const add = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => output;
}

/**
 * A Teams personal message to a served bot in local mode, and what the bot sent the Bot Connector
 * stub in reply (the activity as JSON text, '' if nothing).
 */
export async function askOverTeams(
  port: number,
  connector: BotConnectorStub,
  text: string,
): Promise<{ status: number; reply: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(personalMessage(connector.serviceUrl, text)),
  });
  const [reply] = connector.messages();
  return { status: res.status, reply: reply ? JSON.stringify(reply.activity) : '' };
}
