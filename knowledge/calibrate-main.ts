/**
 * `npm run calibrate`: cross-validates the matcher over the knowledge base and stores the temperature
 * it finds, with the fingerprint of what it trained on, in knowledge/calibration.json. Run it after
 * changing the knowledge base or the model; the bot then starts without calibrating on every start.
 */
import { CALIBRATION_FILE, writeCalibration } from './calibration.js';
import { defaultKnowledgeDir, loadKnowledge } from './load-knowledge.js';
import { Matcher } from './matcher.js';

const { calibration: previous, ...knowledge } = loadKnowledge(defaultKnowledgeDir);
const started = performance.now();
const { fingerprint, temperature } = Matcher.build(knowledge).calibration;
writeCalibration(defaultKnowledgeDir, { fingerprint, temperature });
const unchanged = previous?.fingerprint === fingerprint && previous.temperature === temperature;
console.log(
  `${CALIBRATION_FILE}: temperature ${temperature} (${unchanged ? 'unchanged' : `was ${previous?.temperature ?? 'absent'}`}), ` +
    `fingerprint ${fingerprint.slice(0, 12)}…, ${Math.round(performance.now() - started)} ms`,
);
