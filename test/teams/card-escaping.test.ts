import { describe, expect, it } from 'vitest';
import { escapeCardText } from '../../adapters/teams/card-text.js';
import { renderCard } from '../../adapters/teams/render-card.js';
import type { Reply } from '../../bot/model.js';
import { answerReply } from '../../dialogs/faq/faq-replies.js';
import { realKnowledge } from '../support/shared-knowledge.js';
import { textsOf } from './teams-harness.js';

const WJ = '\u2060';

/** Every string of a card a client reads as Markdown: TextBlocks and facts. */
function markdownOf(card: Record<string, unknown>): string[] {
  const body = (card.body as Array<Record<string, unknown>>) ?? [];
  const facts = body
    .filter((e) => e.type === 'FactSet')
    .flatMap((e) => e.facts as Array<{ title: string; value: string }>)
    .flatMap((f) => [f.title, f.value]);
  return [...textsOf(card), ...facts];
}

describe('text in Adaptive Cards', () => {
  it('shows hostile text literally: no mention, link, emphasis or list', () => {
    expect(escapeCardText('**x**')).toBe('\\*\\*x\\*\\*');
    expect(escapeCardText('[a](b)')).toBe(`[a]${WJ}(b)`);
    expect(escapeCardText('<at>x</at>')).toBe(`<${WJ}at>x<${WJ}/at>`);
    expect(escapeCardText('- item')).toBe(`${WJ}- item`);
    expect(escapeCardText('_x_ and *y*')).toBe('\\_x\\_ and \\*y\\*');
  });

  it('leaves alone what would not form markup: parentheses, a lone marker, snake_case, mid-line dashes', () => {
    for (const text of [
      'Plan for losing data (RPO)',
      'Single Server (retired 2025-03-28)',
      'a*b costs 5 * 3',
      'pg_dump and pg_restore',
      'x - y, 2.5 f, #1 > 0',
    ])
      expect(escapeCardText(text)).toBe(text);
  });

  it('cannot call an Adaptive Card date function or show a bare live URL', () => {
    expect(escapeCardText('{{DATE(2026-01-01T00:00:00Z)}} www.evil.example https://x.example')).toBe(
      `{${WJ}{DATE(2026-01-01T00:00:00Z)}} www${WJ}.evil.example https:${WJ}//x.example`,
    );
  });

  it('judges every line on its own for list and numbered-list starts', () => {
    expect(escapeCardText('a\r\n  - b\n\t+ c\n10) e\n3. f\nx - y\n2.5 f\n-1. g')).toBe(
      `a\n  ${WJ}- b\n ${WJ}+ c\n${WJ}10) e\n${WJ}3. f\nx - y\n2.5 f\n-1. g`,
    );
  });

  it('pairs emphasis only within a paragraph, and keeps a typed backslash', () => {
    expect(escapeCardText('*one\n\ntwo*')).toBe('*one\n\ntwo*');
    expect(escapeCardText('a \\* b')).toBe('a \\\\* b');
    expect(escapeCardText('&amp; & AT&T')).toBe(`&${WJ}amp; & AT&T`);
  });

  it('drops control and bidirectional override characters', () => {
    expect(escapeCardText('a\u0000b\u202Ec\u0007d')).toBe('abcd');
  });

  it('renders every knowledge-base answer with no backslash but before an emphasis marker that could pair', () => {
    const entries = [...realKnowledge().entries.values()];
    expect(entries.length).toBeGreaterThan(10);
    for (const entry of entries) {
      const texts = markdownOf(renderCard(answerReply(entry, [], 'a1'), 'c1').card);
      for (const text of texts) {
        for (const [, after] of text.matchAll(/\\(.)/gs))
          expect(`${entry.id}: ${after}`).toMatch(/: [*_\\]$/);
        expect(text).not.toMatch(/\\[()]/);
      }
    }
  });

  it('escapes every text of a reply, facts included, and keeps only http(s) links', () => {
    const reply: Reply = {
      kind: 'check',
      title: '**pg-orders**',
      text: 'Azure said: [fix](javascript:alert(1))',
      facts: [{ label: 'Geo-backup', value: '<at>x</at>', status: 'fail' }],
      links: [
        { title: 'bad', url: 'javascript:alert(1)' },
        { title: 'docs', url: 'https://learn.microsoft.com/azure/postgresql/' },
      ],
    };

    const { card } = renderCard(reply, 'c1');
    const json = JSON.stringify(card);

    expect(json).not.toMatch(/[^\\]\*\*pg/);
    expect(json).toContain(`"value":"❌ <${WJ}at>x<${WJ}/at>"`);
    expect(json).toContain(`[fix]${WJ}(javascript:`);
    expect(json).not.toContain('"url":"javascript');
    expect(json).toContain('"url":"https://learn.microsoft.com/azure/postgresql/"');
  });
});
