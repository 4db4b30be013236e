import { describe, expect, it } from 'vitest';
import { createKeyedSerializer } from '../../bot/util/keyed-serializer.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('createKeyedSerializer', () => {
  it('runs tasks of one key one at a time, in arrival order', async () => {
    const serial = createKeyedSerializer();
    const log: string[] = [];
    const gate = deferred();
    const first = serial.run('k', async () => {
      log.push('1 start');
      await gate.promise;
      log.push('1 end');
    });
    const second = serial.run('k', async () => {
      log.push('2 start');
    });
    await Promise.resolve();
    expect(log).toEqual(['1 start']);
    gate.resolve();
    await Promise.all([first, second]);
    expect(log).toEqual(['1 start', '1 end', '2 start']);
  });

  it('does not hold one key up behind another', async () => {
    const serial = createKeyedSerializer();
    const gate = deferred();
    const slow = serial.run('a', () => gate.promise);
    await expect(serial.run('b', async () => 'b done')).resolves.toBe('b done');
    gate.resolve();
    await slow;
  });

  it('runs the next task after one that failed, and passes each result or error to its own caller', async () => {
    const serial = createKeyedSerializer();
    const failed = serial.run('k', async () => {
      throw new Error('boom');
    });
    const next = serial.run('k', async () => 42);
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe(42);
  });

  it('forgets a key once its queue has drained', async () => {
    const serial = createKeyedSerializer();
    await Promise.all([serial.run('a', async () => 1), serial.run('b', async () => 2)]);
    await new Promise((r) => setImmediate(r));
    expect(serial.size).toBe(0);
  });
});

describe('createKeyedSerializer idle', () => {
  it('settles only once every task started so far has settled', async () => {
    const serial = createKeyedSerializer();
    const gate = deferred();
    let done = false;
    void serial.run('a', async () => {
      await gate.promise;
      done = true;
    });
    const idle = serial.idle().then(() => done);
    gate.resolve();
    await expect(idle).resolves.toBe(true);
  });
});
