import { describe, expect, it } from 'vitest';
import { SeedIndex, textWords } from '../../knowledge/seed-index.js';

const seed = new SeedIndex([
  {
    name: 'seed.txt',
    text: '* **Why is it so?** <br> The quick brown fox [jumps](https://example.com/x) over the lazy dog near the river bank.',
  },
  {
    name: 'crr.txt',
    text: 'Configure and run Cross Region Restore for Azure Database for PostgreSQL by using Azure Backup.',
  },
]);

describe('seed index (copied text)', () => {
  it('reads words without case, punctuation, markup or link targets', () => {
    expect(textWords("Can't  STOP: the Quick-brown [fox](/x) <br> jumps")).toEqual([
      'cant',
      'stop',
      'the',
      'quick',
      'brown',
      'fox',
      'jumps',
    ]);
  });

  it('finds a run of eight words, and reports the whole shared stretch once', () => {
    expect(
      seed.copiedRuns('As they say, THE QUICK brown fox jumps over the lazy dog near the house.'),
    ).toEqual([{ words: 'the quick brown fox jumps over the lazy dog near the', seed: 'seed.txt' }]);
  });

  it('lets seven shared words in a row pass', () => {
    expect(seed.copiedRuns('the quick brown fox jumps over the cat')).toEqual([]);
    expect(seed.copiedRuns('a quick brown fox jumps over the lazy cat')).toEqual([]);
  });

  it('counts a product or feature name as one word', () => {
    expect(textWords('Cross Region Restore for Azure Database for PostgreSQL')).toEqual([
      'cross_region_restore',
      'for',
      'azure_database_for_postgresql',
    ]);
    expect(
      seed.copiedRuns('how to configure and run cross region restore for azure database for postgresql'),
    ).toEqual([]);
  });
});
