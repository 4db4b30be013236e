import { describe, expect, it } from 'vitest';
import { RecordCache, type StoredText } from '../../adapters/store/record-cache.js';

const doc = (eTag: string): StoredText => RecordCache.describe(JSON.stringify({ value: { eTag }, eTag }));

describe('RecordCache', () => {
  it('replaces what a read found with what a later write stored', () => {
    const cache = new RecordCache(10);
    cache.fill('conv/a', doc('old'));
    cache.wrote('conv/a', doc('new'), false);
    expect(cache.get('conv/a')?.eTag).toBe('new');
    cache.forget('conv/a');
    expect(cache.get('conv/a')).toBeUndefined();
  });

  it('remembers that a key is absent until it is written', () => {
    const cache = new RecordCache(10);
    cache.fill('conv/a', undefined);
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
