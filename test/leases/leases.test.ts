import { afterEach, describe } from 'vitest';
import { storeKinds } from '../support/store-kinds.js';
import { leaseContract } from './lease-contract.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

describe.each(Object.entries(storeKinds))('leases on the %s store', (_kind, open) => {
  leaseContract(async (clock) => {
    const { store, cleanup } = await open(clock);
    cleanups.push(cleanup);
    return store;
  });
});
