import { describe, expect, it } from 'vitest';
import { escapeSlack, slackToPlain } from '../../adapters/slack/slack-text.js';

describe('Slack markup → plain text for the engine', () => {
  it("strips the bot's own mention, wherever it is", () => {
    expect(slackToPlain('<@UBOT> check pg-orders', 'UBOT')).toBe('check pg-orders');
    expect(slackToPlain('hey <@UBOT|georestore>, help', 'UBOT')).toBe('hey , help');
  });

  it('shows other mentions, channels and specials in their readable form', () => {
    expect(slackToPlain('ask <@U2> in <#C1|db-ops> <!here>', 'UBOT')).toBe('ask @U2 in #db-ops @here');
  });

  it('keeps the label of a link Slack made from a typed host name', () => {
    expect(
      slackToPlain(
        'check <http://pg-orders.postgres.database.azure.com|pg-orders.postgres.database.azure.com>',
      ),
    ).toBe('check pg-orders.postgres.database.azure.com');
  });

  it('decodes entities and drops control characters', () => {
    expect(slackToPlain('a &lt;b&gt; &amp;amp; c\u0000\u001b[31m')).toBe('a <b> &amp; c[31m');
  });

  it('drops code fences and backticks but keeps what they hold, word for word', () => {
    expect(
      slackToPlain('restore fails:\n```ERROR: server &lt;pg-orders&gt; not found```\nrun `pg_dump` instead?'),
    ).toBe('restore fails:\n\nERROR: server <pg-orders> not found\n\nrun pg_dump instead?');
  });

  it('never cuts a long message: the engine refuses it in the same words on every channel', () => {
    expect(slackToPlain('x'.repeat(5000))).toHaveLength(5000);
  });

  it('keeps what looks like markup but was typed as text', () => {
    expect(slackToPlain('what does &lt;timestamp&gt; mean in the log')).toBe(
      'what does <timestamp> mean in the log',
    );
    expect(slackToPlain('a &lt; b &gt; c and &amp;lt;')).toBe('a < b > c and &lt;');
  });
});

describe('escaping for Slack', () => {
  it('escapes the three control characters of Slack markup', () => {
    expect(escapeSlack('<!channel> & <@U1>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
  });

  it('survives a round trip: what a user typed comes back as the same visible text', () => {
    const typed = 'a < b && c > d';
    expect(slackToPlain(escapeSlack(typed))).toBe(typed);
  });
});
