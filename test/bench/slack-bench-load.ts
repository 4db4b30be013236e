import { parentPort } from 'node:worker_threads';
import { SlackApiStub } from '../support/slack-api-stub.js';
import { FORM, sign, slashCommand } from '../support/slack-requests.js';

/**
 * The benchmark's outside world, on its own thread so that it does not share a CPU with the
 * servers under test: the load generator (Slack sending commands) and the loopback Web API that
 * receives the answers at response_urls.
 */
export type LoadRequest =
  | { cmd: 'start' }
  | { cmd: 'drive'; url: string; count: number; concurrency: number; prefix: string; until: 'ack' | 'answer' }
  | { cmd: 'stop' };

export type LoadReply =
  | { apiUrl: string }
  | { rps: number; latencies: number[]; inAck: number }
  | { stopped: true };

/** A slash command's ack that carries the answer itself (Block Kit), rather than an empty ack. */
function isAnswer(ackBody: string): boolean {
  if (ackBody === '') return false;
  const body = JSON.parse(ackBody) as { text?: unknown; blocks?: unknown };
  if (typeof body.text !== 'string' || !Array.isArray(body.blocks) || body.blocks.length === 0) {
    throw new Error(`the ack carried no answer: ${ackBody.slice(0, 200)}`);
  }
  return true;
}

const stub = new SlackApiStub();
const answered = new Map<string, () => void>();
stub.onCall = (call) => {
  if (call.status === 200 && call.method.startsWith('respond:'))
    answered.get(call.method.slice('respond:'.length))?.();
};

async function drive(request: Extract<LoadRequest, { cmd: 'drive' }>) {
  const latencies: number[] = [];
  let inAck = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < request.count) {
      const id = `${request.prefix}-${next++}`;
      // The same question from many people, as a busy support channel sends it.
      const body = slashCommand({
        text: 'how do I geo-restore my server?',
        responseUrl: stub.responseUrl(id),
        triggerId: id,
        userId: `U0BENCH${next % 64}`,
      });
      const ts = Math.floor(Date.now() / 1000);
      const answer = new Promise<void>((resolve) => answered.set(id, resolve));
      const t0 = performance.now();
      const res = await fetch(request.url, {
        method: 'POST',
        headers: {
          'content-type': FORM,
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': sign(body, ts),
        },
        body,
      });
      const ackBody = await res.text();
      if (res.status !== 200) throw new Error(`the server answered ${res.status}`);
      // A full turn is answered either in the ack itself or, later, at the response_url.
      if (request.until === 'answer') {
        if (isAnswer(ackBody)) inAck += 1;
        else await answer;
      }
      answered.delete(id);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: request.concurrency }, worker));
  stub.calls.length = 0;
  return { rps: request.count / ((performance.now() - started) / 1000), latencies, inAck };
}

parentPort?.on('message', async (request: LoadRequest) => {
  if (request.cmd === 'start') {
    await stub.start();
    parentPort?.postMessage({ apiUrl: stub.apiUrl } satisfies LoadReply);
  } else if (request.cmd === 'drive') {
    parentPort?.postMessage((await drive(request)) satisfies LoadReply);
  } else {
    await stub.close();
    parentPort?.postMessage({ stopped: true } satisfies LoadReply);
  }
});
