import { describe, expect, it } from 'vitest';
import { transcriptLength } from '../../dialogs/engine/conversation-state.js';
import { createTestBot } from '../support/create-test-bot.js';

describe('a burst of messages from one person in one conversation', () => {
  it('answers all sixteen, in the order they came, instead of telling most of them to try again', async () => {
    const bot = createTestBot();
    const questions = Array.from({ length: 16 }, (_, i) =>
      i % 2 === 0 ? 'what is geo-redundant backup?' : 'what RPO and RTO can I expect from a geo-restore?',
    );

    const answers = await Promise.all(questions.map((q) => bot.from('U1').send(q)));

    expect(answers.map((r) => r[0]?.kind)).toEqual(questions.map(() => 'answer'));
    const [state] = await bot.store.list<{ transcript: Array<{ from: string; text: string }> }>('conv/');
    const asked = state?.value.transcript.filter((t) => t.from === 'user').map((t) => t.text) ?? [];
    // The transcript keeps the last lines only (question and answer alternate): the last questions, in order.
    expect(state?.value.transcript).toHaveLength(transcriptLength);
    expect(asked).toEqual(questions.slice(-transcriptLength / 2));
  });

  it('still runs different people side by side', async () => {
    const bot = createTestBot();
    const replies = await Promise.all(
      ['U1', 'U2', 'U3'].map((u) => bot.from(u).send('what is geo-redundant backup?')),
    );
    expect(replies.map((r) => r[0]?.kind)).toEqual(['answer', 'answer', 'answer']);
    expect(await bot.store.list('conv/')).toHaveLength(3);
  });
});
