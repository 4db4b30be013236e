import { describe, expect, it } from 'vitest';
import { renderReply } from '../../adapters/slack/render-blocks.js';
import { renderCard } from '../../adapters/teams/render-card.js';
import type { Reply } from '../../bot/model.js';

const reminder: Reply = {
  kind: 'handoff',
  text: 'Ticket T-1 from <!channel> @everyone <at>x</at>',
  notify: 'oncall',
};

describe('the on-call mention, the one live mention the bot makes', () => {
  it('Slack: mentions the configured group or user, and escapes everything else', () => {
    const group = renderReply(reminder, 'S0ONCALL1');
    expect(group.blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '<!subteam^S0ONCALL1>' },
    });
    expect(group.text.startsWith('<!subteam^S0ONCALL1> ')).toBe(true);
    expect(JSON.stringify(group)).not.toContain('<!channel>');
    expect(renderReply(reminder, 'U0ONCALL1').blocks[0]).toMatchObject({ text: { text: '<@U0ONCALL1>' } });
  });

  it('Slack: no mention without configuration, or for replies that do not ask for one', () => {
    expect(JSON.stringify(renderReply(reminder))).not.toMatch(/<[@!]/);
    expect(
      JSON.stringify(renderReply({ kind: reminder.kind, text: reminder.text }, 'S0ONCALL1')),
    ).not.toContain('subteam');
  });

  it('Teams: adds a mention entity for the configured person only', () => {
    const { card } = renderCard(reminder, 'c1', {
      id: 'c0ca1100-0000-4000-8000-000000000003',
      name: 'DB on-call',
    });
    expect(card.msteams).toEqual({
      width: 'Full',
      entities: [
        {
          type: 'mention',
          text: '<at>DB on-call</at>',
          mentioned: { id: 'c0ca1100-0000-4000-8000-000000000003', name: 'DB on-call' },
        },
      ],
    });
    const texts = JSON.stringify((card.body as unknown[]).slice(1));
    expect(texts).not.toContain('<at>x</at>');
    expect(renderCard(reminder, 'c2').card.msteams).toEqual({ width: 'Full' });
  });
});
