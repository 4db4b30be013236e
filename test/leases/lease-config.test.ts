import { describe, expect, it } from 'vitest';
import { parseCoreConfig } from '../../bot/config/core.js';

describe('LEASE_TTL_SECONDS', () => {
  it('defaults to 60 seconds', () => {
    expect(parseCoreConfig({}).config.leaseTtlMs).toBe(60_000);
  });

  it('takes a whole number of seconds', () => {
    expect(parseCoreConfig({ LEASE_TTL_SECONDS: ' 5 ' })).toMatchObject({
      config: { leaseTtlMs: 5000 },
      problems: [],
    });
  });

  it.each(['1', '3601', '2.5', 'ten', '-5'])('names the variable and the range for %s', (value) => {
    expect(parseCoreConfig({ LEASE_TTL_SECONDS: value }).problems).toEqual([
      'LEASE_TTL_SECONDS must be a whole number of seconds from 2 to 3600',
    ]);
  });
});
