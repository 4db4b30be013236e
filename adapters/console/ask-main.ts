import { parseArgs } from 'node:util';
import { buildCore } from '../../bot/build-core.js';
import { systemClock } from '../../bot/ports/clock.js';
import { silentLogger } from '../../bot/ports/logger.js';
import { uuidIds } from '../../bot/ports/uuid-ids.js';
import { plainUserText } from '../../bot/text/user-text.js';
import { MemoryStore } from '../store/memory-store.js';
import { renderAll } from './render-text.js';

/** `npm run ask -- [--json] "question"`: one question, one answer; with --json the last line is a JSON object. */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { json: { type: 'boolean', default: false } },
});
const question = plainUserText(positionals.join(' '));
if (!question) {
  console.error('usage: npm run ask -- [--json] "your question"');
  process.exit(2);
}
const { engine, matcher } = buildCore({
  store: new MemoryStore(),
  clock: systemClock,
  ids: uuidIds,
  logger: silentLogger,
});
const replies = await engine.handle({
  address: { channel: 'console', conversationId: 'ask' },
  user: { id: 'ask' },
  text: question,
});
console.log(renderAll(replies).text);
if (values.json) {
  const match = matcher.match(question);
  console.log(
    JSON.stringify({
      intent: match.intent,
      outcome: match.outcome,
      confidence: Number(match.confidence.toFixed(4)),
      candidates: match.candidates.map((c) => ({ id: c.id, confidence: Number(c.confidence.toFixed(4)) })),
      notCovered: match.notCovered?.id ?? null,
      reply: replies,
    }),
  );
}
