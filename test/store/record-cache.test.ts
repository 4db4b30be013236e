import { describe, expect, it } from 'vitest';
import { RecordCache, type StoredText } from '../../adapters/store/record-cache.js';

const doc = (eTag: string): StoredText => RecordCache.describe(JSON.stringify({ value: { eTag }, eTag }));

describe('RecordCache', () => {
  it('does not keep what a read found when a write finished while the read was under way', () => {
    const cache = new RecordCache(10);
    const before = cache.epoch;
    cache.wrote('conv/a', doc('new'), true);
    cache.fill('conv/a', doc('old'), before);
    expect(cache.get('conv/a')?.eTag).toBe('new');
    cache.forget('conv/a');
    const quiet = cache.epoch;
    cache.fill('conv/a', doc('read'), quiet);
    expect(cache.get('conv/a')?.eTag).toBe('read');
  });

  it('remembers that a key is absent until it is written', () => {
    const cache = new RecordCache(10);
    cache.fill('conv/a', undefined, cache.epoch);
    expect(cache.get('conv/a')).toBeNull();
    expect(cache.get('conv/b')).toBeUndefined();
    cache.wrote('conv/a', doc('1'), false);
    expect(cache.get('conv/a')?.eTag).toBe('1');
  });

  it('keeps write-once documents only when it already held the key', () => {
    const cache = new RecordCache(10);
    cache.wrote('card/1', doc('c'), false);
    expect(cache.get('card/1')).toBeUndefined();
    cache.wrote('conv/a', doc('s'), true);
    expect(cache.get('conv/a')?.eTag).toBe('s');
  });

  it('lets the least recently used record go first', () => {
    const cache = new RecordCache(2);
    cache.wrote('a', doc('a'), true);
    cache.wrote('b', doc('b'), true);
    cache.get('a');
    cache.wrote('c', doc('c'), true);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.eTag).toBe('a');
    expect(cache.get('c')?.eTag).toBe('c');
  });
});
