import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BotError } from '../bot/errors.js';
import type { Sample } from './softmax-classifier.js';

/**
 * The matcher's confidence calibration (the softmax temperature found by cross-validation, five
 * trainings of the model) stored beside the knowledge base, so that a start trains once instead of six
 * times. It is used only while its fingerprint matches what the matcher would train on; otherwise the
 * matcher calibrates afresh. `npm run calibrate` writes it; a test fails when it is out of date.
 */
export interface Calibration {
  /** sha256 of the training samples (labels, weights, features) and the training settings. */
  fingerprint: string;
  temperature: number;
}

export const CALIBRATION_FILE = 'calibration.json';

const calibrationSchema = z.strictObject({
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  temperature: z.number().positive(),
});

/**
 * Everything the calibration depends on, hashed: samples in order, and the settings of their training.
 * Feature weights count to nine significant digits, so that the last bit of a logarithm, which may
 * differ between processors, does not make a stored calibration look foreign.
 */
export function fingerprintOf(samples: readonly Sample[], settings: Record<string, unknown>): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(settings));
  for (const s of samples) {
    const features = [...s.features].map(([key, weight]) => [key, weight.toPrecision(9)]);
    hash.update(JSON.stringify([s.label, s.weight ?? 1, features]));
    hash.update('\n');
  }
  return hash.digest('hex');
}

/** The stored calibration of a knowledge folder; undefined when there is none. */
export function readCalibration(dir: string): Calibration | undefined {
  const file = join(dir, CALIBRATION_FILE);
  if (!existsSync(file)) return undefined;
  const parsed = calibrationSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new BotError(
      'knowledge.invalid',
      `${CALIBRATION_FILE}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

export function writeCalibration(dir: string, calibration: Calibration): void {
  writeFileSync(join(dir, CALIBRATION_FILE), `${JSON.stringify(calibration, null, 2)}\n`);
}
