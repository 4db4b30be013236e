import { describe, expect, it } from 'vitest';
import { findServerQuery } from '../../dialogs/common/server-name.js';

describe('finding the server a message is about', () => {
  it.each([
    ['check pg-orders', { name: 'pg-orders' }],
    ['can pg-orders be geo-restored?', { name: 'pg-orders' }],
    ["what's the backup redundancy on my server 'telemetry'?", { name: 'telemetry' }],
    ['is my server geo-restore ready? name: acme', { name: 'acme' }],
    ['verify geo-redundant backup on server hr-db in rg-hr', { name: 'hr-db', resourceGroup: 'rg-hr' }],
    ['is my server eligible for geo-restore', undefined],
    ['check whether geo-backup is on', undefined],
  ])('%j', (text, expected) => {
    expect(findServerQuery(text)).toEqual(expected);
  });

  it('reads a full resource id with its resource group', () => {
    const id =
      '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-data/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-orders';
    expect(findServerQuery(`check ${id}`)).toMatchObject({
      name: 'pg-orders',
      resourceGroup: 'rg-data',
      resourceId: id,
    });
  });
});
