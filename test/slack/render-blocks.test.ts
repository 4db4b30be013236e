import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAction } from '../../adapters/slack/action-codec.js';
import { renderReply } from '../../adapters/slack/render-blocks.js';
import { Actions, type Reply } from '../../bot/model.js';

type Block = {
  type: string;
  text?: { text: string; type: string };
  fields?: Array<{ text: string }>;
  elements?: Array<Record<string, unknown>>;
};
const blocksOf = (reply: Reply) => renderReply(reply).blocks as unknown as Block[];

describe('Reply → Block Kit', () => {
  it('renders title, summary, bulleted detail, facts with status emoji, context with links, then buttons', () => {
    const blocks = blocksOf({
      kind: 'check',
      title: 'pg-orders',
      summary: 'Ready for geo-restore',
      text: 'Two things to know:\n- backups are copied hourly\n- the target is the paired region\n\nSecond paragraph.',
      facts: [
        { label: 'Geo-redundant backup', value: 'Enabled', status: 'pass' },
        { label: 'Public access', value: 'Disabled', status: 'warn' },
      ],
      context: 'Flexible Server',
      links: [{ title: 'Docs', url: 'https://learn.microsoft.com/a?b=1&c=2' }],
      buttons: [{ id: 'restore.start', label: 'Restore', style: 'primary' }],
    });

    expect(blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'section',
      'context',
      'actions',
    ]);
    expect(blocks[1]?.text?.text).toBe('*Ready for geo-restore*');
    expect(blocks[2]?.text?.text).toBe(
      'Two things to know:\n• backups are copied hourly\n• the target is the paired region\n\nSecond paragraph.',
    );
    expect(blocks[3]?.fields?.map((f) => f.text)).toEqual([
      '*Geo-redundant backup*\n:white_check_mark: Enabled',
      '*Public access*\n:warning: Disabled',
    ]);
    expect(blocks[4]?.elements?.map((e) => e.text)).toEqual([
      'Flexible Server',
      '<https://learn.microsoft.com/a?b=1&amp;c=2|Docs>',
    ]);
    expect(blocks[5]?.elements?.[0]).toMatchObject({
      type: 'button',
      action_id: 'restore.start#0',
      style: 'primary',
    });
  });

  it("puts 👍/👎 after the other buttons as Slack's own feedback buttons, each click decoding to its value", () => {
    const value = (helpful: boolean) => ({ entryId: 'rpo-rto', answerId: 'a1', helpful });
    const blocks = blocksOf({
      kind: 'clarify',
      text: 'Did you mean?',
      buttons: [
        { id: Actions.feedback, label: '👍 Helpful', value: value(true) },
        { id: Actions.pick, label: 'A', value: 'a' },
        { id: Actions.pick, label: 'B', value: 'b' },
        { id: Actions.none, label: 'None of these' },
        { id: Actions.feedback, label: '👎 Not helpful', value: value(false) },
      ],
    });
    const rows = blocks.filter((b) => b.type === 'actions').map((b) => b.elements?.map((e) => e.action_id));
    expect(rows).toEqual([['faq.pick#0', 'faq.pick#1', 'faq.none#2']]);
    const last = blocks.at(-1);
    expect(last?.type).toBe('context_actions');
    const [thumbs] = (last?.elements ?? []) as Array<{
      type: string;
      action_id: string;
      positive_button: { text: { text: string }; value: string; accessibility_label: string };
      negative_button: { text: { text: string }; value: string };
    }>;
    expect(thumbs).toMatchObject({ type: 'feedback_buttons', action_id: 'faq.feedback#3' });
    expect(thumbs?.positive_button.text.text).toBe('👍 Helpful');
    expect(thumbs?.positive_button.accessibility_label).toBe('👍 Helpful');
    expect(decodeAction(thumbs?.action_id, thumbs?.positive_button.value)).toEqual({
      id: Actions.feedback,
      value: value(true),
    });
    expect(decodeAction(thumbs?.action_id, thumbs?.negative_button.value)).toEqual({
      id: Actions.feedback,
      value: value(false),
    });
  });

  it('draws feedback buttons that are not one 👍 and one 👎 as ordinary buttons on their own row', () => {
    const blocks = blocksOf({
      kind: 'info',
      text: 'x',
      buttons: [{ id: Actions.feedback, label: '👍', value: { helpful: true } }],
    });
    expect(blocks.map((b) => b.type)).toEqual(['section', 'actions']);
  });

  it('gives every button a unique action id even when buttons share an id', () => {
    const elements = blocksOf({
      kind: 'clarify',
      text: 'x',
      buttons: Array.from({ length: 30 }, (_, i) => ({ id: Actions.pick, label: `Q${i}`, value: i })),
    })
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? []);
    expect(new Set(elements.map((e) => e.action_id)).size).toBe(30);
  });

  it('leaves out a button whose value is too large for Slack rather than sending an invalid message', () => {
    const message = renderReply({
      kind: 'answer',
      text: 'x',
      buttons: [
        { id: 'big', label: 'Big', value: 'x'.repeat(3000) },
        { id: 'ok', label: 'Ok' },
      ],
    });
    expect(message.dropped).toEqual(['big']);
    expect(JSON.stringify(message.blocks)).not.toContain('"big#');
  });

  it('escapes every string: mentions, channel pings and disguised links stay text', () => {
    const hostile = '<!channel> <!here> <@U123> <#C1> <!subteam^S1> <http://evil|innocent> & co';
    const message = renderReply({
      kind: 'answer',
      title: hostile,
      summary: hostile,
      text: `- ${hostile}`,
      facts: [{ label: hostile, value: hostile, status: 'info' }],
      context: hostile,
      links: [{ title: hostile, url: 'javascript:alert(1)' }],
      buttons: [{ id: 'b', label: hostile, value: hostile }],
    });
    // A button value is never displayed: it is opaque data that comes back to us on a click.
    const shown =
      JSON.stringify(message.blocks, (key, v) => (key === 'value' ? undefined : v)) + message.text;
    const wire = JSON.stringify(message.blocks) + message.text;
    expect(shown).not.toMatch(/<[!@#]|<http/);
    expect(wire).not.toContain('javascript:');
    expect(message.text).toContain('&lt;!channel&gt;');
  });

  it('never turns a link with characters that break Slack link syntax into a link', () => {
    const blocks = blocksOf({
      kind: 'answer',
      text: 'x',
      links: [{ title: 'T', url: 'https://x.example/a|b>c' }],
    });
    expect(blocks.at(-1)?.elements?.[0]?.text).toBe('T');
  });

  it('keeps within Block Kit limits for very long text', () => {
    const blocks = blocksOf({
      kind: 'answer',
      title: 'T'.repeat(400),
      text: Array.from({ length: 80 }, () => 'p'.repeat(2500)).join('\n\n'),
    });
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(blocks[0]?.text?.text.length).toBeLessThanOrEqual(150);
    for (const b of blocks) expect(b.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
  });

  it('clips escaped text without leaving half an entity', () => {
    const blocks = blocksOf({ kind: 'answer', title: `${'a'.repeat(146)}&&&&`, text: 'x' });
    expect(blocks[0]?.text?.text).toMatch(/a…$|&amp;…$/);
  });
});

describe('button action codec', () => {
  it('round-trips an id and a JSON value', () => {
    const encoded = encodeAction({ id: 'restore.confirm', label: 'Yes', value: { nonce: 'n1', n: 2 } }, 4);
    expect(decodeAction(encoded?.action_id, encoded?.value)).toEqual({
      id: 'restore.confirm',
      value: { nonce: 'n1', n: 2 },
    });
  });

  it('round-trips a button without a value', () => {
    const encoded = encodeAction({ id: 'help', label: 'Help' }, 0);
    expect(decodeAction(encoded?.action_id, encoded?.value)).toEqual({ id: 'help' });
  });

  it('refuses action ids and values it did not make', () => {
    expect(decodeAction('plain', undefined)).toBeUndefined();
    expect(decodeAction('a#1', '{bad')).toBeUndefined();
    expect(decodeAction('a#1', 'x'.repeat(2001))).toBeUndefined();
    expect(decodeAction(42, undefined)).toBeUndefined();
  });
});
