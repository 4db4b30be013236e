import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { BlobStore } from '../../adapters/store/blob-store.js';
import { type Azurite, startAzurite } from '../support/azurite.js';
import { leaseContract } from './lease-contract.js';

let azurite: Azurite;
let containers = 0;
const stores: BlobStore[] = [];

beforeAll(async () => {
  azurite = await startAzurite();
}, 90_000);
afterAll(async () => {
  await azurite?.stop();
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

describe('leases on the blob store (Azurite)', () => {
  leaseContract(async (clock) => {
    const store = await BlobStore.open(
      { connectionString: azurite.connectionString, containerName: `lease-${process.pid}-${++containers}` },
      { clock },
    );
    stores.push(store);
    return store;
  });
});
