import { describe, expect, it } from 'vitest';
import type { Reply } from '../../bot/model.js';
import { quotedMessage, requestedBy } from '../../bot/text/quoted-message.js';
import { maxTurnChars } from '../../bot/text/user-text.js';
import { withSlowStages } from '../../bot/util/slow-turn.js';
import { ManualStageTimer } from '../support/manual-stage-timer.js';

describe('a message someone asked the bot about', () => {
  it('is answered from its prose, and handed to a ticket whole', () => {
    const message = { text: 'why?\n\nERROR: x failed', prose: 'why?' };
    expect(quotedMessage(message, 'answer')).toEqual({ text: 'why?', cut: false });
    expect(quotedMessage(message, 'ticket')).toEqual({ text: message.text, cut: false });
    expect(quotedMessage({ text: 'ERROR: x', prose: '' }, 'answer').text).toBe('ERROR: x');
  });

  it('is read at its beginning and its end when it is long, within the engine limit', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `w${i}`).join(' ');
    const text = `QUESTION-START ${words} QUESTION-END`;
    const { text: read, cut } = quotedMessage({ text, prose: text }, 'answer');

    expect(cut).toBe(true);
    expect(read.length).toBeLessThanOrEqual(maxTurnChars);
    expect(read.startsWith('QUESTION-START w0 ')).toBe(true);
    expect(read.endsWith(' QUESTION-END')).toBe(true);
    expect(read).toContain('\n…\n');
    // Cut between words, never inside one.
    expect(read).toMatch(/ w\d+\n…\nw\d+ /);
  });

  it('names who asked on the first reply everyone sees, keeping its own context', () => {
    const replies: Reply[] = [
      { kind: 'error', text: 'only you', personal: true },
      { kind: 'answer', text: 'a', context: 'Applies to: Flexible Server' },
      { kind: 'info', text: 'b' },
    ];
    const named = requestedBy(replies, 'Bob Ray', true);
    expect(named[0]).toEqual(replies[0]);
    expect(named[1]?.context).toBe(
      'Requested by Bob Ray · the message is long: I read its first and last 2,000 characters · Applies to: Flexible Server',
    );
    expect(named[2]).toEqual(replies[2]);
  });
});

describe('slow-turn stages', () => {
  it('runs no stage for a turn answered before its delay, and clears the waits', async () => {
    const timer = new ManualStageTimer();
    const run = async () => {
      throw new Error('must not run');
    };
    await expect(withSlowStages(Promise.resolve(1), [{ afterMs: 10, run }], timer)).resolves.toBe(1);
    expect(timer.waiting).toEqual([]);
  });

  it('finishes a stage that started before returning, and a failing stage costs only itself', async () => {
    const timer = new ManualStageTimer();
    let answer!: (n: number) => void;
    const work = new Promise<number>((resolve) => {
      answer = resolve;
    });
    const shown: string[] = [];
    const result = withSlowStages(
      work,
      [
        { afterMs: 1, run: async () => void shown.push('status') },
        { afterMs: 2, run: async () => Promise.reject(new Error('Slack said no')) },
        { afterMs: 3, run: async () => void shown.push('never') },
      ],
      timer,
    );
    timer.fire(1);
    timer.fire(2);
    answer(7);
    await expect(result).resolves.toBe(7);
    expect(shown).toEqual(['status']);
    expect(timer.waiting).toEqual([]);
  });
});
