import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseRegion, pairedRegion } from '../../bot/azure-rules/region-pairs.js';
import { serverNameProblem } from '../../bot/azure-rules/server-name-rules.js';
import { parseServerResourceId, serverRef } from '../../bot/azure-rules/server-resource-id.js';
import type { Json } from '../../bot/model.js';
import type { GeoRestoreHandle, ServerFacts } from '../../bot/ports/postgres-ops.js';

describe('region pairs', () => {
  it.each([
    ['eastus', 'westus'],
    ['westus', 'eastus'],
    ['East US 2', 'centralus'],
    ['northeurope', 'westeurope'],
    ['westus3', 'eastus'],
    ['brazilsouth', 'southcentralus'],
    ['southcentralus', 'northcentralus'],
    ['chinanorth3', 'chinaeast3'],
    ['usdodeast', 'usdodcentral'],
    ['US DoD Central', 'usdodeast'],
    ['indiasouthcentral', 'centralindia'],
  ])('pairs %s with %s', (region, pair) => {
    expect(pairedRegion(region)).toBe(pair);
  });

  it('keeps one-way pairs one-way: Central India pairs with South India, not India South Central', () => {
    expect(pairedRegion('centralindia')).toBe('southindia');
    expect(pairedRegion('southindia')).toBe('centralindia');
  });

  it('has no pair for a nonpaired region', () => {
    expect(pairedRegion('polandcentral')).toBeUndefined();
    expect(normaliseRegion('West Central US')).toBe('westcentralus');
  });
});

describe('server name rules', () => {
  it.each([
    ['pg-orders-dr', undefined],
    ['ab', 'length'],
    ['a'.repeat(64), 'length'],
    ['PG-orders', 'characters'],
    ['pg_orders', 'characters'],
    ['-pgorders', 'hyphenEdge'],
    ['pgorders-', 'hyphenEdge'],
    ['pg--orders', 'hyphenEdge'],
    ['pg-orders-2', undefined],
    ['a1b', undefined],
  ])('%s → %s', (name, problem) => {
    expect(serverNameProblem(name)).toBe(problem);
  });

  it("accepts exactly the names the REST API's pattern accepts, in lower case and 3 to 63 long", () => {
    const restPattern = /^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$/;
    const name = fc.string({ unit: fc.constantFrom('a', 'z', '0', '9', '-'), minLength: 3, maxLength: 63 });
    fc.assert(
      fc.property(name, (n) => {
        expect(serverNameProblem(n) === undefined).toBe(restPattern.test(n));
      }),
    );
  });
});

describe('server resource ids', () => {
  it('round-trips a Flexible and a Single Server id', () => {
    const flex = serverRef('flexible-server', '11111111-1111-1111-1111-111111111111', 'rg', 'pg-a');
    const single = serverRef('single-server', '11111111-1111-1111-1111-111111111111', 'rg', 'pg-b');

    expect(parseServerResourceId(flex.id)).toEqual(flex);
    expect(
      parseServerResourceId(single.id.toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/'))?.model,
    ).toBe('single-server');
    expect(parseServerResourceId('/subscriptions/x/resourceGroups/rg')).toBeUndefined();
  });

  it('keeps facts and handles storable as JSON', () => {
    const ref = serverRef('flexible-server', '11111111-1111-1111-1111-111111111111', 'rg', 'pg-a');
    const facts: ServerFacts = {
      ref,
      region: 'eastus',
      geoRedundantBackup: 'Enabled',
      network: { mode: 'public' },
    };
    const handle: GeoRestoreHandle = {
      target: ref,
      targetRegion: 'westus',
      sourceId: ref.id,
      pollerState: '{}',
      azure: {},
    };
    const stored: Json[] = [facts, handle];

    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
  });
});
