import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import express from 'express';

/** The reference: the smallest CloudAdapter bot, echoing the text back as plain text. */
export async function startEchoBot() {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const app = express();
  app.post('/api/messages', express.json(), (req, res) =>
    adapter.process(req, res, async (context) => {
      if (context.activity.type === 'message')
        await context.sendActivity(`You said: ${context.activity.text}`);
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
