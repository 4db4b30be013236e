import { describe, expect, it } from 'vitest';
import { renderAll } from '../../adapters/console/render-text.js';

describe('console rendering', () => {
  it('numbers buttons across replies so that a typed number clicks the right one', () => {
    const { text, buttons } = renderAll([
      {
        kind: 'answer',
        title: 'T',
        summary: 'S',
        text: 'body',
        links: [{ title: 'Doc', url: 'https://learn.microsoft.com/x' }],
        buttons: [{ id: 'a', label: 'A' }],
      },
      {
        kind: 'info',
        text: 'more',
        facts: [{ label: 'Geo backup', value: 'Enabled', status: 'pass' }],
        buttons: [{ id: 'b', label: 'B' }],
      },
    ]);
    expect(text).toContain('[1] A');
    expect(text).toContain('[2] B');
    expect(text).toContain('[ok] Geo backup: Enabled');
    expect(text).toContain('-> Doc: https://learn.microsoft.com/x');
    expect(buttons.map((b) => b.id)).toEqual(['a', 'b']);
  });
});
