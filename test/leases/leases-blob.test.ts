import { describe } from 'vitest';
import { azuriteStores } from '../support/azurite-stores.js';
import { leaseContract } from './lease-contract.js';

const blob = azuriteStores('lease');

describe('leases on the blob store (Azurite)', () => {
  leaseContract((clock) => blob.open(clock));
});
