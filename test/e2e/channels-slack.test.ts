import { describe, expect, it } from 'vitest';
import { ASK_SHORTCUT, TICKET_SHORTCUT } from '../../adapters/slack/message-shortcuts.js';
import { useShortcut } from './channels-slack-helpers.js';
import { buttonsOf, textOf } from './e2e-bot.js';
import * as h from './handoff-slack-harness.js';

/**
 * Issue 22 through Slack's real edge (signed requests to the Bolt receiver, a loopback Web API): the
 * two message shortcuts on a message in a channel, and the native 👍/👎 on an answer.
 */
h.useHandoffBot();

const QUESTION_TS = '1767300000.000100';
/** A real-world message: a question around a pasted stack trace, long enough to be read in part. */
const trace = Array.from(
  { length: 60 },
  (_, i) =>
    `    at Client._handleErrorMessage (node_modules/pg/lib/client.js:${300 + i}:17) &lt;pg-orders&gt;`,
).join('\n');
const LONG = `Our primary region went down at 09:12 and the orders API only logs this:\n\`\`\`\nError: connect ETIMEDOUT 10.1.2.3:5432\n${trace}\n\`\`\`\nHow do I restore the server from the geo-redundant backup in the paired region?`;

describe('Slack message shortcuts', () => {
  it('"Ask GeoRestore" answers a long message with code in its thread, for the channel, naming who asked', async () => {
    const e2e = await h.start();
    e2e.stub.users.set(h.BOB, { name: 'bob', real_name: 'Bob Ray' });
    expect(LONG.length).toBeGreaterThan(4000);

    const before = e2e.messages().length;
    const { res, body } = await useShortcut(e2e, h.BOB, {
      callbackId: ASK_SHORTCUT,
      text: LONG,
      messageTs: QUESTION_TS,
    });
    expect(res.status).toBe(200);
    expect(body).toBe('');
    const [answer] = await e2e.postedAfter(before);

    expect(answer?.method).toBe('chat.postMessage');
    expect(answer?.args).toMatchObject({ channel: 'C1', thread_ts: QUESTION_TS });
    expect(textOf(answer)).toMatch(/^How to run a geo-restore/);
    const context = JSON.stringify(answer?.args.blocks);
    expect(context).toContain('Requested by Bob Ray');
    // The question is read from the words around the pasted trace, which drowned it.
    expect(context).not.toContain('the message is long');
    // Nothing at the top of the channel, nothing for the shortcut's response_url, one answer only.
    await e2e.stub.until((s) => s.accepted('chat.postMessage').length >= 1);
    expect(e2e.stub.calls.filter((c) => c.method.startsWith('respond:'))).toEqual([]);
    expect(
      e2e
        .messages()
        .slice(before)
        .filter((c) => c.args.thread_ts !== QUESTION_TS),
    ).toEqual([]);
  });

  it('answers a message that is itself in a thread in that thread', async () => {
    const e2e = await h.start();
    const before = e2e.messages().length;
    await useShortcut(e2e, h.BOB, {
      callbackId: ASK_SHORTCUT,
      text: 'what is geo-redundant backup?',
      messageTs: '1767300000.000300',
      threadTs: QUESTION_TS,
    });
    const [answer] = await e2e.postedAfter(before);
    expect(answer?.args.thread_ts).toBe(QUESTION_TS);
  });

  it('"Open a support ticket" makes the whole message, code included, the question of a ticket', async () => {
    const e2e = await h.start();
    e2e.stub.users.set(h.DAVE, { name: 'dave', real_name: 'Dave Kim' });
    const text = 'Restore of pg-orders fails:\n```ERROR: geo-redundant backup is not enabled```\nwhat now?';
    await useShortcut(e2e, h.DAVE, { callbackId: TICKET_SHORTCUT, text, messageTs: QUESTION_TS });

    await h.until(() => h.cards().length === 1);
    const [ticket] = await h.tickets();
    expect(ticket).toMatchObject({
      question: 'Restore of pg-orders fails:\n\nERROR: geo-redundant backup is not enabled\n\nwhat now?',
      reason: 'asked',
      requester: { channel: 'slack', id: h.DAVE },
      address: { conversationId: 'C1', threadId: QUESTION_TS },
      considered: [],
    });
    await h.until(() => h.inChannel('C1', QUESTION_TS).length === 1);
    const opened = h.inChannel('C1', QUESTION_TS)[0];
    expect(textOf(opened)).toMatch(/I have asked the support team to help: ticket T-/);
    expect(JSON.stringify(opened?.args.blocks)).toContain('Requested by Dave Kim');
  });

  it('tells only the person who used it when the bot is not in the conversation, and posts nothing', async () => {
    const e2e = await h.start();
    e2e.stub.notMemberOf.add('C9');
    const { responseId } = await useShortcut(e2e, h.BOB, {
      callbackId: ASK_SHORTCUT,
      text: 'what is geo-redundant backup?',
      messageTs: QUESTION_TS,
      channel: 'C9',
    });

    await e2e.stub.until((s) => s.calls.some((c) => c.method === `respond:${responseId}`));
    const told = e2e.stub.calls.find((c) => c.method === `respond:${responseId}`);
    expect(told?.args).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('Invite me'),
    });
    // One attempt, refused by Slack (not_in_channel), and no other message anywhere.
    expect(e2e.stub.calls.filter((c) => c.method.startsWith('chat.post')).map((c) => c.args.channel)).toEqual(
      ['C9'],
    );
  });

  it('records a click on the native 👍 of an answer once, as the card buttons did', async () => {
    const e2e = await h.start();
    const bob = e2e.as(h.BOB, 'C1');
    const { reply: answer } = await bob.mention('how do I restore from geo backup');
    const thumbs = buttonsOf(answer).filter((b) => b.type === 'feedback_buttons');
    expect(thumbs.map((b) => b.text.text)).toEqual(['👍 Helpful', '👎 Not helpful']);

    const thanks = await (await bob.click(answer, '👍 Helpful')).reply();

    expect(textOf(thanks)).toBe('Thanks for the feedback!');
    const [record] = await e2e.store.list('feedback/');
    expect(record?.value).toMatchObject({ entryId: 'how-to-geo-restore', helpful: true, userId: h.BOB });
  });
});
