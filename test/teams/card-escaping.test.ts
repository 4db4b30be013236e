import { describe, expect, it } from 'vitest';
import { escapeCardText } from '../../adapters/teams/card-text.js';
import { renderCard } from '../../adapters/teams/render-card.js';
import type { Reply } from '../../bot/model.js';

describe('text in Adaptive Cards', () => {
  it('cannot become a mention, a link, emphasis or a list', () => {
    const escaped = escapeCardText(
      '<at>Everyone</at> **urgent** [click](https://evil.example) _x_\n1. one\n- two',
    );

    expect(escaped).toBe(
      '\\<at\\>Everyone\\</at\\> \\*\\*urgent\\*\\* \\[click\\]\\(https:\u2060//evil.example\\) \\_x\\_\n1\\. one\n\\- two',
    );
  });

  it('cannot call an Adaptive Card date function or show a bare live URL', () => {
    expect(escapeCardText('{{DATE(2026-01-01T00:00:00Z)}} www.evil.example')).toBe(
      '\\{\\{DATE\\(2026-01-01T00:00:00Z\\)\\}\\} www\u2060.evil.example',
    );
  });

  it('judges every line on its own for list and numbered-list starts', () => {
    expect(escapeCardText('a\r\n  - b\n\t+ c\n= d\n10) e\nx - y\n2.5 f\n-1. g')).toBe(
      'a\n  \\- b\n \\+ c\n\\= d\n10\\) e\nx - y\n2\\.5 f\n\\-1. g',
    );
  });

  it('drops control and bidirectional override characters', () => {
    expect(escapeCardText('a\u0000b\u202Ec\u0007d')).toBe('abcd');
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
    expect(json).toContain('"value":"❌ \\\\<at\\\\>x\\\\</at\\\\>"');
    expect(json).not.toContain('"url":"javascript');
    expect(json).toContain('"url":"https://learn.microsoft.com/azure/postgresql/"');
  });
});
