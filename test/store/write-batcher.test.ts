import { describe, expect, it } from 'vitest';
import { type BatchTarget, WriteBatcher } from '../../adapters/store/write-batcher.js';

type Ops = Parameters<BatchTarget['batch']>[0];

function recordingDb(fail = false) {
  const batches: Ops[] = [];
  const db: BatchTarget = {
    batch: async (ops) => {
      batches.push(ops);
      if (fail) throw new Error('disk full');
    },
  };
  return { db, batches };
}

describe('WriteBatcher', () => {
  it('sends the puts of one turn of the event loop as one batch, and later ones as the next', async () => {
    const { db, batches } = recordingDb();
    const batcher = new WriteBatcher(db);

    await Promise.all([batcher.put('a', '1'), batcher.put('b', '2'), batcher.put('c', '3')]);
    await batcher.put('d', '4');

    expect(batches.map((ops) => ops.map((op) => op.key))).toEqual([['a', 'b', 'c'], ['d']]);
    expect(batches[0]?.[1]).toEqual({ type: 'put', key: 'b', value: '2' });
  });

  it('fails every put of a batch that fails', async () => {
    const { db } = recordingDb(true);
    const batcher = new WriteBatcher(db);

    const results = await Promise.allSettled([batcher.put('a', '1'), batcher.put('b', '2')]);

    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
