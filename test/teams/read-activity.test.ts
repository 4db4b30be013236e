import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { readActivity } from '../../adapters/teams/read-activity.js';

const BOT = { id: '28:bot', name: 'GeoRestore Bot' };
const SUPPORT = '19:support@thread.tacv2';
const botMention = { type: 'mention', text: '<at>GeoRestore Bot</at>', mentioned: BOT };
const someoneElse = { type: 'mention', text: '<at>Bob</at>', mentioned: { id: '29:bob', name: 'Bob' } };

function message(conversationType: string, id: string, text: string, entities: unknown[] = []): Activity {
  return {
    type: 'message',
    id: 'm1',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:1/',
    from: { id: '29:alice', name: 'Alice' },
    recipient: BOT,
    conversation: { id, conversationType, isGroup: conversationType !== 'personal' },
    text,
    entities,
  } as unknown as Activity;
}

const kind = (a: Activity) => readActivity(a, { supportChannelId: SUPPORT }).kind;

describe('readActivity: which typed messages are for the bot', () => {
  it('reads every message of a personal chat, and channel or group messages that @mention the bot', () => {
    expect(kind(message('personal', 'a:1', 'hello'))).toBe('message');
    expect(
      kind(message('channel', '19:ops@thread.tacv2;messageid=1', '<at>GeoRestore Bot</at> hi', [botMention])),
    ).toBe('message');
    expect(kind(message('groupChat', '19:chat@thread.v2', '<at>GeoRestore Bot</at> hi', [botMention]))).toBe(
      'message',
    );
  });

  it('drops channel and group messages that do not mention the bot, even when they mention someone else', () => {
    expect(kind(message('channel', '19:ops@thread.tacv2;messageid=1', 'what is geo backup'))).toBe('ignore');
    expect(
      kind(message('channel', '19:ops@thread.tacv2;messageid=1', '<at>Bob</at> hi', [someoneElse])),
    ).toBe('ignore');
    expect(kind(message('groupChat', '19:chat@thread.v2', 'what is geo backup'))).toBe('ignore');
    // Too long, but not for the bot: dropped, not answered with "too long".
    expect(kind(message('channel', '19:ops@thread.tacv2;messageid=1', 'x'.repeat(5000)))).toBe('ignore');
  });

  it("reads the support channel's threads without a mention, and only when that channel is configured", () => {
    const reply = message('channel', `${SUPPORT};messageid=42`, 'On it');
    expect(kind(reply)).toBe('message');
    expect(readActivity(reply).kind).toBe('ignore');
  });
});
