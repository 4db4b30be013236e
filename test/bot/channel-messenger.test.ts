import { describe, expect, it } from 'vitest';
import { ChannelMessenger } from '../../bot/channel-messenger.js';
import { RecordingMessenger } from '../support/recording-messenger.js';

describe('ChannelMessenger', () => {
  it("asks a person's name of their own channel, and answers undefined where no channel can tell", async () => {
    const slack = new RecordingMessenger();
    slack.names.set('U1', 'Dana Reyes');
    const messenger = new ChannelMessenger();
    messenger.register('slack', slack);
    const teams = new RecordingMessenger();
    messenger.register('teams', {
      send: (a, r) => teams.send(a, r),
      update: (m, r) => teams.update(m, r),
      threadOf: (m) => teams.threadOf(m),
    });

    expect(await messenger.nameOf({ channel: 'slack', id: 'U1' })).toBe('Dana Reyes');
    expect(await messenger.nameOf({ channel: 'teams', id: '29:1' })).toBeUndefined();
    expect(await messenger.nameOf({ channel: 'console', id: 'me' })).toBeUndefined();
    expect(slack.lookedUp).toEqual(['U1']);
  });
});
