import { createSlackEdge, type SlackEdge } from '../../adapters/slack/create-slack-edge.js';
import type { AckDeadline } from '../../adapters/slack/slack-turn-runner.js';
import { MemoryStore } from '../../adapters/store/memory-store.js';
import { createHttpServer } from '../../bot/http/http-server.js';
import type { TurnHandler } from '../../bot/model.js';
import { type Logger, silentLogger } from '../../bot/ports/logger.js';
import { SlackApiStub } from '../support/slack-api-stub.js';
import { FORM, SIGNING_SECRET, sendSigned, slashCommand } from '../support/slack-requests.js';

export const BOT_TOKEN = 'xoxb-test-0000-secret-token';

export interface Harness {
  url: string;
  stub: SlackApiStub;
  edge: SlackEdge;
  store: MemoryStore;
  sleeps: number[];
  close(): Promise<void>;
}

/**
 * The Slack edge as production runs it: the real Bolt App and our receiver mounted on the bot's
 * shared HTTP server listening on a real port, talking to a loopback Slack Web API.
 */
export async function startHarness(
  handler: TurnHandler,
  options: {
    logger?: Logger;
    bodyLimitBytes?: number;
    ackDeadline?: AckDeadline;
    commandAckMs?: number;
    /** SLACK_COMMAND_ACK_MS as loadConfig would read it into the config. */
    configAckMs?: number;
  } = {},
): Promise<Harness> {
  const stub = await new SlackApiStub().start();
  const store = new MemoryStore();
  const sleeps: number[] = [];
  const edge = createSlackEdge({
    config: {
      mode: 'http',
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      apiUrl: stub.apiUrl,
      ...(options.configAckMs !== undefined ? { commandAckMs: options.configAckMs } : {}),
    },
    store,
    logger: options.logger ?? silentLogger,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
    ...(options.ackDeadline ? { ackDeadline: options.ackDeadline } : {}),
    ...(options.commandAckMs ? { commandAckMs: options.commandAckMs } : {}),
  });
  const server = createHttpServer({
    logger: silentLogger,
    mounts: [edge.serve(handler)],
    drainTimeoutMs: 1000,
  });
  const { port } = await server.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    stub,
    edge,
    store,
    sleeps,
    async close() {
      await server.close();
      await edge.stop();
      await stub.close();
    },
  };
}

/** A slash-command ack deadline that has always passed: every answer goes through the response_url. */
export const alreadyPassed: AckDeadline = () => ({ expired: Promise.resolve(), cancel() {} });

/** A slash-command ack deadline the test ends by hand, recording the waits asked for. */
export function manualDeadline(): AckDeadline & { asked: number[]; expire(): void } {
  const asked: number[] = [];
  const pending: Array<() => void> = [];
  const deadline: AckDeadline = (ms) => {
    asked.push(ms);
    let cancelled = false;
    const expired = new Promise<void>((resolve) => {
      pending.push(() => {
        if (!cancelled) resolve();
      });
    });
    return {
      expired,
      cancel() {
        cancelled = true;
      },
    };
  };
  return Object.assign(deadline, {
    asked,
    expire() {
      for (const end of pending.splice(0)) end();
    },
  });
}

/** `/georestore help` from the default user, answered at the stub's response_url `id`. */
export const sendHelp = (harness: Harness, id: string) =>
  sendSigned(harness.url, slashCommand({ text: 'help', responseUrl: harness.stub.responseUrl(id) }), {
    contentType: FORM,
  });
