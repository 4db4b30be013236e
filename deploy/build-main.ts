import { fileURLToPath } from 'node:url';
import { buildBot } from './build-bot.js';

/** `npm run build`: the compiled bot and its knowledge base in build/, as `npm start` runs it. */
const root = fileURLToPath(new URL('../', import.meta.url));
buildBot(root, `${root}build`);
