import { describe, expect, it } from 'vitest';
import { startTyping, type TypingTimer } from '../../adapters/teams/typing.js';
import { silentLogger } from '../../bot/ports/logger.js';
import { personalMessage } from './teams-activities.js';
import { startTeamsBot } from './teams-harness.js';

/** A timer that fires only when the test says so; no wall-clock time is involved. */
class ManualTimer implements TypingTimer {
  private pending = new Map<number, { run: () => void; ms: number }>();
  private nextId = 1;
  readonly scheduled: number[] = [];

  set(run: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { run, ms });
    this.scheduled.push(ms);
    return id;
  }

  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  waiting(): number {
    return this.pending.size;
  }

  /** Runs every timer due now, as if their delay had passed. */
  fire(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const { run } of due) run();
  }
}

function recordingContext() {
  const sent: string[] = [];
  const context = {
    sendActivity: async (activity: unknown) => {
      sent.push((activity as { type: string }).type);
      return { id: `a${sent.length}` };
    },
  };
  return { sent, context: context as unknown as Parameters<typeof startTyping>[0] };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('typing indicator', () => {
  it('sends nothing for a turn that ends before the delay', async () => {
    const timer = new ManualTimer();
    const { sent, context } = recordingContext();

    const stop = startTyping(context, 800, 3000, silentLogger, timer);
    await stop();
    timer.fire();
    await settle();

    expect(timer.scheduled).toEqual([800]);
    expect(timer.waiting()).toBe(0);
    expect(sent).toEqual([]);
  });

  it('starts after the delay for a slow turn and repeats until stopped', async () => {
    const timer = new ManualTimer();
    const { sent, context } = recordingContext();

    const stop = startTyping(context, 800, 3000, silentLogger, timer);
    timer.fire();
    await settle();
    expect(sent).toEqual(['typing']);
    timer.fire();
    await settle();
    expect(sent).toEqual(['typing', 'typing']);
    await stop();
    timer.fire();
    await settle();

    expect(timer.scheduled).toEqual([800, 3000, 3000]);
    expect(sent).toEqual(['typing', 'typing']);
  });

  it('waits for a typing send on its way, so it never lands after the answer', async () => {
    const timer = new ManualTimer();
    let release: () => void = () => {};
    const order: string[] = [];
    const context = {
      sendActivity: () =>
        new Promise((resolve) => {
          release = () => {
            order.push('typing');
            resolve({ id: 't' });
          };
        }),
    } as unknown as Parameters<typeof startTyping>[0];

    const stop = startTyping(context, 800, 3000, silentLogger, timer);
    timer.fire();
    const stopped = stop().then(() => order.push('stopped'));
    await settle();
    expect(order).toEqual([]);
    release();
    await stopped;

    expect(order).toEqual(['typing', 'stopped']);
    expect(timer.waiting()).toBe(0);
  });

  it('keeps a failed typing send from failing the turn', async () => {
    const timer = new ManualTimer();
    const context = {
      sendActivity: async () => {
        throw new Error('connector down');
      },
    } as unknown as Parameters<typeof startTyping>[0];

    const stop = startTyping(context, 800, 3000, silentLogger, timer);
    timer.fire();
    await expect(stop()).resolves.toBeUndefined();
  });

  it('over HTTP: a quick answer arrives without a typing activity', async () => {
    const timer = new ManualTimer();
    const bot = await startTeamsBot({ typingDelayMs: 800, typingTimer: timer });
    try {
      await bot.post(personalMessage(bot.connector.serviceUrl, 'geo restore'));

      expect(bot.connector.calls.map((c) => c.activity.type)).toEqual(['message']);
      expect(timer.waiting()).toBe(0);
    } finally {
      await bot.close();
    }
  });

  it('over HTTP: a slow turn shows typing once the delay passes, before the answer', async () => {
    const timer = new ManualTimer();
    const bot = await startTeamsBot({ typingDelayMs: 800, typingTimer: timer });
    try {
      let finish: () => void = () => {};
      bot.handler.gate = new Promise<void>((resolve) => {
        finish = resolve;
      });
      const posted = bot.post(personalMessage(bot.connector.serviceUrl, 'geo restore'));
      while (timer.waiting() === 0) await settle();
      timer.fire();
      await bot.connector.waitFor((calls) => calls.some((c) => c.activity.type === 'typing'));
      finish();
      await posted;

      expect(bot.connector.calls.map((c) => c.activity.type)).toEqual(['typing', 'message']);
    } finally {
      await bot.close();
    }
  });
});
