import { parentPort } from 'node:worker_threads';
import { BotConnectorStub } from '../support/bot-connector-stub.js';
import { personalMessage } from '../teams/teams-activities.js';

/**
 * The Teams benchmark's outside world, on its own thread: the load generator (the Bot Connector
 * posting activities) and the loopback Bot Connector that receives the replies.
 */
export type TeamsLoadRequest =
  | { cmd: 'start' }
  | { cmd: 'drive'; url: string; count: number; concurrency: number; text: string; people: number }
  | { cmd: 'stop' };

export type TeamsLoadReply =
  | { serviceUrl: string }
  | { rps: number; latencies: number[]; replies: number }
  | { stopped: true };

const connector = new BotConnectorStub();

/** The same question from `people` different people, each in their own 1:1 chat. */
function bodies(serviceUrl: string, text: string, people: number): string[] {
  return Array.from({ length: people }, (_, i) => {
    const activity = personalMessage(serviceUrl, text);
    return JSON.stringify({
      ...activity,
      from: {
        ...activity.from,
        id: `29:bench-user-${i}`,
        aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      },
      conversation: { ...activity.conversation, id: `a:bench-chat-${i}` },
    });
  });
}

async function drive(request: Extract<TeamsLoadRequest, { cmd: 'drive' }>) {
  const payloads = bodies(connector.serviceUrl, request.text, request.people);
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < request.count) {
      const body = payloads[next++ % payloads.length];
      const t0 = performance.now();
      const res = await fetch(request.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body }),
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`the bot answered ${res.status}`);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: request.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  // A turn's reply reaches the connector before the bot answers the activity's POST.
  const replies = connector.messages().length;
  connector.calls.length = 0;
  return { rps: request.count / seconds, latencies, replies };
}

parentPort?.on('message', async (request: TeamsLoadRequest) => {
  if (request.cmd === 'start') {
    await connector.start();
    parentPort?.postMessage({ serviceUrl: connector.serviceUrl } satisfies TeamsLoadReply);
  } else if (request.cmd === 'drive') {
    parentPort?.postMessage((await drive(request)) satisfies TeamsLoadReply);
  } else {
    await connector.stop();
    parentPort?.postMessage({ stopped: true } satisfies TeamsLoadReply);
  }
});
