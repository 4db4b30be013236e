import { afterEach, describe, expect, it } from 'vitest';
import { ManualStageTimer } from '../support/manual-stage-timer.js';
import { ScriptedHandler } from './scripted-handler.js';
import { personalMessage } from './teams-activities.js';
import { cardOf, startTeamsBot, type TeamsBot, textsOf } from './teams-harness.js';

describe('a slow turn in Teams', () => {
  let bot: TeamsBot;
  afterEach(async () => bot.close());

  it('says it is slow in one message after 10 s, then puts the answer in that message', async () => {
    const timer = new ManualStageTimer();
    const handler = new ScriptedHandler();
    let release!: () => void;
    handler.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    bot = await startTeamsBot({ handler, stageTimer: timer });

    const posted = bot.post(personalMessage(bot.connector.serviceUrl, 'geo restore'));
    await timer.armed(10_000);
    timer.fire(10_000);
    await bot.connector.waitFor(() => bot.connector.messages().length === 1);
    expect(textsOf(cardOf(bot.connector.messages()[0]?.activity ?? {}))[0]).toMatch(
      /^This is taking longer than usual/,
    );
    release();
    expect((await posted).status).toBe(200);

    expect(bot.connector.messages()).toHaveLength(1);
    const [edit] = bot.connector.updates();
    expect(edit?.activityId).toBe('msg-1');
    expect(textsOf(cardOf(edit?.activity ?? {}))[0]).toBe('How to geo-restore a Flexible Server');
  });

  it('sends no such message for a quick answer', async () => {
    const timer = new ManualStageTimer();
    bot = await startTeamsBot({ stageTimer: timer });
    await bot.post(personalMessage(bot.connector.serviceUrl, 'geo restore'));
    expect(timer.waiting).toEqual([]);
    expect(bot.connector.messages()).toHaveLength(1);
    expect(bot.connector.updates()).toEqual([]);
  });
});
