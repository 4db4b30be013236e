import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotConnectorStub } from '../support/bot-connector-stub.js';
import {
  askOverTeams,
  capturedOutput,
  freePort,
  procStat,
  startFlags,
  untilReady,
} from '../support/served-process.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `npm start` itself, as an operator runs it: it builds, starts the compiled bot with the memory flags
 * of package.json, serves Teams on its embedded defaults, and stops cleanly on SIGTERM.
 */
describe('npm start', () => {
  let npm: ChildProcess;
  let port: number;
  let dataDir: string;
  let output: () => string = () => '';
  const connector = new BotConnectorStub();

  beforeAll(async () => {
    await connector.start();
    port = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'grb-start-'));
    npm = spawn('npm', ['start'], {
      cwd: root,
      detached: true,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PORT: String(port),
        DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    output = capturedOutput(npm);
    await untilReady(port, npm, output);
  }, 180_000);

  afterAll(async () => {
    if (npm.exitCode === null) process.kill(-(npm.pid ?? 0), 'SIGKILL');
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the compiled bot with the start flags and answers a Teams message on the embedded store', async () => {
    const bot = botProcess();
    expect(bot.args).toEqual(expect.arrayContaining([...startFlags(), 'build/bot/main.js']));
    expect(startFlags().length).toBeGreaterThan(0);

    const { status, reply } = await askOverTeams(port, connector, 'what is geo-redundant backup?');
    expect(status).toBe(200);
    expect(reply).toContain('geo-redundant');
  });

  it('drains and exits 0 when the bot gets SIGTERM, and npm start with it', async () => {
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    process.kill(botProcess().pid, 'SIGTERM');
    expect(await exited).toBe(0);
    expect(output()).toContain('http.closed');
  }, 30_000);

  /** The node process of the group npm leads whose command line runs the built main. */
  function botProcess(): { pid: number; args: string[] } {
    for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
      try {
        const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
        const group = procStat(Number(entry))[2];
        if (group === String(npm.pid) && args.includes('build/bot/main.js'))
          return { pid: Number(entry), args };
      } catch {
        // a process that ended while we looked
      }
    }
    throw new Error(`no build/bot/main.js under npm start:\n${output()}`);
  }
});
