import { describe, expect, it } from 'vitest';
import { jsonCopy } from '../../adapters/teams/activity-address.js';

describe('jsonCopy (the stored conversation reference)', () => {
  it('copies like a JSON round trip', () => {
    const when = new Date('2026-01-02T03:04:05Z');
    const value = {
      a: 1,
      b: 'x',
      c: undefined,
      d: null,
      e: [1, undefined, () => 1, { f: true, g: undefined }],
      h: { i: { j: 'k' }, fn: () => 2 },
      n: Number.NaN,
      when,
    };

    const copy = jsonCopy(value);

    expect(copy).toEqual(JSON.parse(JSON.stringify(value)));
    expect(Object.keys(copy as object)).toEqual(Object.keys(JSON.parse(JSON.stringify(value))));
  });

  it('shares nothing with the original', () => {
    const inner = { id: 'u1' };
    const copy = jsonCopy({ user: inner }) as { user: { id: string } };
    inner.id = 'changed';
    expect(copy.user.id).toBe('u1');
  });
});
