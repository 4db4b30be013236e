import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { buildCore } from '../../bot/build-core.js';
import { parseInsightsConfig } from '../../bot/config/insights.js';
import type { Button, Turn } from '../../bot/model.js';
import { systemClock } from '../../bot/ports/clock.js';
import { silentLogger } from '../../bot/ports/logger.js';
import { uuidIds } from '../../bot/ports/uuid-ids.js';
import { plainUserText } from '../../bot/text/user-text.js';
import { StoreRecorder } from '../../insights/record/store-recorder.js';
import { LevelStore } from '../store/level-store.js';
import { renderAll } from './render-text.js';

/**
 * `npm run chat`: talk to the bot in a terminal on its embedded defaults. Conversation state lives
 * in DATA_DIR (default ./data) like the server's, so a restart picks up where you left off.
 * Buttons are numbered; type the number to click one. Ctrl-D or /quit leaves.
 */
const dataDir = resolve(process.env.DATA_DIR ?? 'data', 'console');
const store = await LevelStore.open(dataDir);
// The console's questions count in the insights too (channel "console"), kept as the bot keeps them.
const insights = parseInsightsConfig(process.env).config;
const recorder = new StoreRecorder({
  store,
  ids: uuidIds,
  retentionMs: insights.retentionMs,
  ...(insights.pseudonymKey ? { pseudonymKey: insights.pseudonymKey } : {}),
  now: () => systemClock.now(),
});
const { engine } = buildCore({
  store,
  clock: systemClock,
  ids: uuidIds,
  logger: silentLogger,
  recorder,
  retention: { conversationMs: insights.conversationRetentionMs, feedbackMs: insights.retentionMs },
});
const address = { channel: 'console' as const, conversationId: 'local' };
const user = { id: process.env.USER ?? 'console-user' };

const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'you> ' });
let buttons: Button[] = [];
console.log(
  'GeoRestore Bot. Ask about geo-redundant backup and geo-restore; type help, or /quit to leave.\n',
);
rl.prompt();
for await (const line of rl) {
  const text = line.trim();
  if (text === '/quit' || text === '/exit') break;
  const picked = /^\d+$/.test(text) ? buttons[Number(text) - 1] : undefined;
  const turn: Turn = picked
    ? {
        address,
        user,
        text: '',
        action: { id: picked.id, ...(picked.value !== undefined ? { value: picked.value } : {}) },
      }
    : { address, user, text: plainUserText(text) };
  const rendered = renderAll(await engine.handle(turn));
  buttons = rendered.buttons;
  console.log(`\nbot> ${rendered.text.replace(/\n/g, '\n     ')}\n`);
  rl.prompt();
}
rl.close();
await recorder.idle();
await store.close();
