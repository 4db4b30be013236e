import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotConnectorStub } from '../support/bot-connector-stub.js';
import { repoRoot } from '../support/repo-files.js';
import { askOverTeams, capturedOutput, freePort, untilReady } from '../support/served-process.js';
import { SlackApiStub } from '../support/slack-api-stub.js';
import { FORM, SIGNING_SECRET, sendSigned, slashCommand } from '../support/slack-requests.js';

type Lock = { packages: Record<string, { dev?: boolean; optional?: boolean; devOptional?: boolean }> };
type Manifest = {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies?: unknown;
};

const repoPackage = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as Lock;

/** Runs a command to its end; rejects with its output if it fails. */
function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = capturedOutput(child);
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(output())
        : reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${output()}`)),
    );
  });
}

/**
 * `npm run package`, unpacked into an empty folder outside the repository and started there with
 * `npm start`, as App Service does: plain node on the compiled bot, only production dependencies, and
 * nothing of the checkout's node_modules within reach.
 */
describe('the deployment package', () => {
  let work: string;
  let app: string;
  let entries: string[];
  let bot: ChildProcess;
  let port: number;
  let output: () => string = () => '';
  const slack = new SlackApiStub();
  const connector = new BotConnectorStub();

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'grb-package-'));
    const zip = join(work, 'georestore-bot.zip');
    await run('npm', ['run', 'package', '--', '--out', zip], repoRoot);
    const files = unzipSync(readFileSync(zip));
    entries = Object.keys(files);
    app = join(work, 'app');
    for (const [path, bytes] of Object.entries(files)) {
      mkdirSync(dirname(join(app, path)), { recursive: true });
      writeFileSync(join(app, path), bytes);
    }

    await slack.start();
    await connector.start();
    port = await freePort();
    bot = spawn('npm', ['start'], {
      cwd: app,
      detached: true,
      env: {
        // Not even the checkout's node_modules/.bin, which `npm test` puts on the PATH.
        PATH: (process.env.PATH ?? '')
          .split(delimiter)
          .filter((p) => !p.startsWith(repoRoot))
          .join(delimiter),
        HOME: process.env.HOME ?? '',
        PORT: String(port),
        DATA_DIR: join(work, 'data'),
        SLACK_BOT_TOKEN: 'xoxb-package-0000-secret-token',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    output = capturedOutput(bot);
    await untilReady(port, bot, output);
  }, 600_000); // building, installing and unpacking 20,000 files takes minutes on a loaded machine

  afterAll(async () => {
    if (bot && bot.exitCode === null && bot.signalCode === null) process.kill(-(bot.pid ?? 0), 'SIGKILL');
    await slack.close();
    await connector.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  }, 120_000); // the clean-up outran the default 30 s at a load average of 12

  it('holds the compiled bot, its knowledge base and a start command without a build', () => {
    expect(entries).toContain('build/bot/main.js');
    expect(entries).toContain('build/knowledge/calibration.json');
    expect(entries.filter((e) => /^build\/knowledge\/entries\/.+\.yaml$/.test(e)).length).toBeGreaterThan(10);
    expect(entries.some((e) => e.endsWith('.ts') && !e.startsWith('node_modules/'))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as Manifest;
    expect(manifest.scripts).toEqual({ start: repoPackage.scripts.start });
    expect(manifest.dependencies).toEqual(repoPackage.dependencies);
    expect(manifest.devDependencies).toBeUndefined();
  });

  it("holds exactly the lockfile's production dependencies", () => {
    const installed = new Set(
      entries.filter((e) => e.endsWith('/package.json')).map((e) => e.slice(0, -'/package.json'.length)),
    );
    const modules = Object.entries(lock.packages).filter(([path]) => path.startsWith('node_modules/'));
    const dev = modules.filter(([, p]) => p.dev).map(([path]) => path);
    const required = modules.filter(([, p]) => !p.dev && !p.optional && !p.devOptional).map(([path]) => path);
    expect(dev).toContain('node_modules/vitest');
    expect(dev.filter((path) => installed.has(path))).toEqual([]);
    expect(required.filter((path) => !installed.has(path))).toEqual([]);
  });

  it('cannot reach the development dependencies: no node_modules above the unpacked folder', () => {
    expect(app.startsWith(repoRoot)).toBe(false);
    for (let dir = dirname(app); dir !== dirname(dir); dir = dirname(dir))
      expect(existsSync(join(dir, 'node_modules')), dir).toBe(false);
    const fromApp = createRequire(join(app, 'package.json'));
    expect(() => fromApp.resolve('tsx')).toThrow();
    expect(fromApp.resolve('botbuilder').startsWith(join(app, 'node_modules'))).toBe(true);
  });

  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
  });

  it('answers a signed Slack slash command', async () => {
    const res = await sendSigned(
      `http://127.0.0.1:${port}/slack/events`,
      slashCommand({ text: 'what is geo-redundant backup?', responseUrl: slack.responseUrl('package') }),
      { contentType: FORM },
    );
    expect(res.status).toBe(200);
    const ack = await res.text();
    // Quick answers ride in the ack; a slow one goes to the response_url.
    if (ack === '') await slack.until((s) => s.delivered().length > 0);
    const answer = ack || JSON.stringify(slack.delivered());
    expect(answer).toContain('geo-redundant');
    expect(answer).toContain('learn.microsoft.com');
  });

  it('answers a Teams message through the Bot Connector', async () => {
    const { status, reply } = await askOverTeams(port, connector, 'what is geo-redundant backup?');
    expect(status).toBe(200);
    expect(reply).toContain('geo-redundant');
  });

  it('drains and exits 0 when npm alone gets SIGTERM, as a container runtime stops its first process', async () => {
    const exited = new Promise<number | null>((resolve) => bot.once('exit', (code) => resolve(code)));
    // The start script execs node, so npm's child is the bot itself and npm passes the signal on.
    process.kill(bot.pid ?? 0, 'SIGTERM');
    expect(await exited).toBe(0);
    expect(output()).toContain('http.closed');
  }, 30_000);
});
