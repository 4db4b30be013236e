import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../adapters/store/memory-store.js';
import { buildCore } from '../../bot/build-core.js';
import { systemClock } from '../../bot/ports/clock.js';
import { CALIBRATION_FILE, readCalibration } from '../../knowledge/calibration.js';
import { defaultKnowledgeDir } from '../../knowledge/load-knowledge.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { realKnowledge, realMatcher } from '../support/shared-knowledge.js';

describe('stored calibration', () => {
  it('belongs to the knowledge base as it is (after changing it, run npm run calibrate)', () => {
    expect(realKnowledge().calibration).toBeDefined();
    expect(realMatcher().calibration.source).toBe('stored');
  });

  it('is what calibrating afresh finds; one for other training data is not used, and the start says so', () => {
    const stored = realKnowledge().calibration;
    const dir = mkdtempSync(join(tmpdir(), 'grb-kb-'));
    cpSync(defaultKnowledgeDir, dir, { recursive: true, filter: (src) => !src.endsWith('.ts') });
    writeFileSync(
      join(dir, CALIBRATION_FILE),
      JSON.stringify({ fingerprint: '0'.repeat(64), temperature: 3 }),
    );
    const logger = new RecordingLogger();

    const { matcher } = buildCore({
      store: new MemoryStore(),
      clock: systemClock,
      ids: { next: randomUUID },
      logger,
      knowledgeDir: dir,
    });

    expect(matcher.calibration.source).toBe('computed');
    expect({ fingerprint: matcher.calibration.fingerprint, temperature: matcher.temperature }).toEqual(
      stored,
    );
    expect(logger.lines.find((l) => l.level === 'warn')?.msg).toMatch(/^knowledge\.calibration\.stale/);
  });

  it('refuses a calibration file that is not one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calibration-'));
    writeFileSync(join(dir, CALIBRATION_FILE), JSON.stringify({ fingerprint: 'abc', temperature: -1 }));

    expect(() => readCalibration(dir)).toThrow(/calibration\.json/);
    expect(readCalibration(mkdtempSync(join(tmpdir(), 'none-')))).toBeUndefined();
  });
});
