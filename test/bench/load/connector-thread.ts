import { parentPort } from 'node:worker_threads';
import { BotConnectorStub } from '../../support/bot-connector-stub.js';

/**
 * The load benchmark's loopback Bot Connector on a thread of its own (see startBenchWorker), so that
 * the replies of a thousand Teams turns a second are not answered on the event loop that autocannon
 * drives the load from: each would wait for the other, and both the bot's and the bare echo bot's
 * latency would carry the bench's own queue.
 */
export type ConnectorThreadRequest = { cmd: 'start' } | { cmd: 'stop' };
export type ConnectorThreadReply = { serviceUrl: string } | { stopped: true };

const connector = new BotConnectorStub();
// The stub keeps every call; a load run makes hundreds of thousands, so they are forgotten as they come.
const forget = setInterval(() => {
  connector.calls.length = 0;
}, 200);

parentPort?.on('message', async (request: ConnectorThreadRequest) => {
  if (request.cmd === 'start') {
    await connector.start();
    parentPort?.postMessage({ serviceUrl: connector.serviceUrl } satisfies ConnectorThreadReply);
  } else {
    clearInterval(forget);
    await connector.stop();
    parentPort?.postMessage({ stopped: true } satisfies ConnectorThreadReply);
  }
});
