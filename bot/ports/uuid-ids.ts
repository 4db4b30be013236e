import { randomUUID } from 'node:crypto';
import type { Ids } from './clock.js';

export const uuidIds: Ids = { next: () => randomUUID() };
