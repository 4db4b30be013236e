import { describe, expect, it } from 'vitest';
import { partChars, readMessage, topicParts, wholeUpTo } from '../../knowledge/read-message.js';

const post = `Geo restore of our flexible server fails

We started the restore this morning from the portal and again from the CLI. Nothing changed on the network side.

\`\`\`
az postgres flexible-server geo-restore -g rg-dr -n pg-dr --source-server pg-main
\`\`\`

  at Npgsql.Internal.NpgsqlConnector.Connect(NpgsqlTimeout timeout)
(ResourceNotFound) The Resource 'pg-main' under resource group 'rg-dr' was not found.

The source server is in another resource group. What am I doing wrong? Any ideas welcome.`;

describe('reading a message', () => {
  it('reads a chat-sized message whole', () => {
    const text = 'how long does a geo restore take?';
    expect(readMessage(text)).toMatchObject({ whole: true, asks: [text], pasted: [], title: '' });
    expect(topicParts(readMessage(text))).toEqual([{ text, weight: 1 }]);
  });

  it('finds the title, the asking sentences, the story and what was pasted in a long post', () => {
    const reading = readMessage(post);
    expect(post.length).toBeGreaterThan(wholeUpTo);
    expect(reading.whole).toBe(false);
    expect(reading.title).toBe('Geo restore of our flexible server fails');
    expect(reading.asks).toEqual(['What am I doing wrong?', 'Any ideas welcome.']);
    expect(reading.story).toContain('The source server is in another resource group.');
    expect(reading.pasted).toContain(
      'az postgres flexible-server geo-restore -g rg-dr -n pg-dr --source-server pg-main',
    );
    expect(reading.pasted).toContain('at Npgsql.Internal.NpgsqlConnector.Connect(NpgsqlTimeout timeout)');
  });

  it('keeps an error message as evidence of its own, apart from the rest of a log', () => {
    const reading = readMessage(post);
    expect(reading.errors).toEqual([
      "(ResourceNotFound) The Resource 'pg-main' under resource group 'rg-dr' was not found.",
    ]);
    const parts = topicParts(reading);
    expect(parts.find((p) => p.text === reading.errors[0])).toMatchObject({ kind: 'pasted' });
  });

  it('reads a prose line with a colon as prose, not configuration', () => {
    const text = `${'Some context about our setup and what we tried before. '.repeat(6)}\nNote: we restored the server yesterday and the app still talks to the old one, why?`;
    const reading = readMessage(text);
    expect(reading.pasted).toEqual([]);
    expect(reading.asks.join(' ')).toContain('why?');
  });

  it('reads a bounded amount of story and log, however long the post', () => {
    const log = Array.from({ length: 80 }, (_, i) => `  2025-01-01T00:00:${i}Z INFO worker ${i} done`).join(
      '\n',
    );
    const story = 'We tried many things over the weekend and nothing worked for us. '.repeat(60);
    const parts = topicParts(readMessage(`Title line\n\n${story}\n${log}\nHow do we fix it?`));
    for (const part of parts) expect(part.text.length).toBeLessThanOrEqual(Math.max(partChars.story, 200));
  });
});
