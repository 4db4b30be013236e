import { describe, expect, it } from 'vitest';
import { ASK_COMMAND, TICKET_COMMAND } from '../../adapters/teams/message-action.js';
import { realKnowledge } from '../support/shared-knowledge.js';
import { messageActionInvoke } from '../teams/message-action-activities.js';
import { cardOf, textsOf } from '../teams/teams-harness.js';
import * as h from './handoff-teams-harness.js';

/**
 * Issue 22 through the real CloudAdapter (startBot in local mode, activities POSTed as Teams sends
 * them, every send landing on a loopback Bot Connector): the two message actions of the messaging
 * extension, Teams' own feedback buttons, and the personal chat's home.
 */
h.useHandoffBot();

const ROOT = '1767300000100';
const HTML =
  '<div><p>Our primary region is down and the orders API logs:</p><pre><code>Error: connect ETIMEDOUT 10.1.2.3:5432\n    at Client._connect &lt;pg-orders&gt;</code></pre><p>How do I restore the server from the geo-redundant backup in the paired region?</p></div>';

async function invoke(body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`http://127.0.0.1:${h.bot.address.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const action = (
  name: 'composeExtension/fetchTask' | 'composeExtension/submitAction',
  commandId: string,
  html = HTML,
) =>
  messageActionInvoke({
    name,
    serviceUrl: h.connector.serviceUrl,
    commandId,
    from: h.bob,
    recipient: h.BOT,
    channel: h.CHANNEL,
    tenant: h.TENANT,
    rootId: ROOT,
    html,
    ...(name === 'composeExtension/submitAction' ? { data: { grbCommand: commandId } } : {}),
  });

describe('Teams message actions', () => {
  it('fetchTask shows what will happen with the message read from its HTML, and posts nothing', async () => {
    await h.start();

    const res = await invoke(action('composeExtension/fetchTask', ASK_COMMAND));

    expect(res.status).toBe(200);
    const task = (
      res.body as {
        task: { type: string; value: { title: string; card: { content: Record<string, unknown> } } };
      }
    ).task;
    expect(task).toMatchObject({ type: 'continue', value: { title: 'Ask GeoRestore' } });
    const texts = textsOf(task.value.card.content);
    expect(texts[0]).toMatch(/answer this message in its reply chain/);
    expect(texts[1]).toBe(
      'Our primary region is down and the orders API logs:\n\nHow do I restore the server from the geo-redundant backup in the paired region?',
    );
    expect(h.connector.calls).toEqual([]);
  });

  it('submitAction answers the message in its reply chain, naming who asked, and nowhere else', async () => {
    await h.start();

    const res = await invoke(action('composeExtension/submitAction', ASK_COMMAND));

    expect(res).toEqual({ status: 200, body: undefined });
    await h.waitFor(() => h.connector.messages().length === 1);
    const [answer] = h.connector.messages();
    expect(answer?.conversationId).toBe(`${h.CHANNEL};messageid=${ROOT}`);
    const texts = textsOf(cardOf(answer?.activity ?? {}));
    expect(texts[0]).toBe('How to run a geo-restore');
    // Parentheses as written: the card escapes only what would form Markdown.
    expect(texts).toContain(
      'Requested by Bob Chen · Applies to: Flexible Server · Single Server (retired 2025-03-28)',
    );
    // One numbered citation per source of the entry, however many the knowledge base gives it.
    const count = realKnowledge().entries.get('how-to-geo-restore')?.sources.length ?? 0;
    expect(count).toBeGreaterThan(1);
    expect(texts.at(-1)).toBe(`Sources: ${Array.from({ length: count }, (_v, i) => `[${i + 1}]`).join(' ')}`);
  });

  it('takes the root post from the message when the conversation id has no reply chain', async () => {
    await h.start();
    await invoke({
      ...action('composeExtension/submitAction', ASK_COMMAND),
      conversation: { isGroup: true, conversationType: 'channel', id: h.CHANNEL, tenantId: h.TENANT },
    });
    await h.waitFor(() => h.connector.messages().length === 1);
    expect(h.connector.messages()[0]?.conversationId).toBe(`${h.CHANNEL};messageid=${ROOT}`);
  });

  it('"Open a support ticket" makes the whole message, code included, the question of a ticket', async () => {
    await h.start();

    await invoke(action('composeExtension/submitAction', TICKET_COMMAND));

    await h.waitFor(() => h.ticketCards().length === 1);
    const [ticket] = await h.tickets();
    expect(ticket).toMatchObject({
      reason: 'asked',
      requester: { channel: 'teams', id: h.bob.aadObjectId, name: 'Bob Chen' },
      address: { conversationId: h.CHANNEL, threadId: ROOT },
    });
    expect(ticket?.question).toContain(
      'Error: connect ETIMEDOUT 10.1.2.3:5432\nat Client._connect <pg-orders>',
    );
    await h.waitFor(() => h.sentTo(`${h.CHANNEL};messageid=${ROOT}`).length === 1);
    expect(h.texts(h.sentTo(`${h.CHANNEL};messageid=${ROOT}`)[0])).toMatch(
      /I have asked the support team to help: ticket T-/,
    );
  });

  it('says in the dialog that a message without text has nothing to read, and posts nothing', async () => {
    await h.start();
    const res = await invoke(action('composeExtension/fetchTask', ASK_COMMAND, '<div><img src="x"></div>'));
    expect(res).toEqual({
      status: 200,
      body: { task: { type: 'message', value: 'That message has no text for me to read.' } },
    });
    expect(h.connector.calls).toEqual([]);
  });

  it('answers an invoke of a command it does not have with 400 and posts nothing', async () => {
    await h.start();
    const res = await invoke(action('composeExtension/submitAction', 'someoneElsesCommand'));
    expect(res.status).toBe(400);
    expect(h.connector.calls).toEqual([]);
  });
});

describe('Teams feedback and the personal home', () => {
  it("records Teams' own 👎 on an answer, with its comment, once", async () => {
    await h.start();
    await h.post(h.personal(h.alice, 'how do I restore from geo backup'));
    await h.waitFor(() => h.sentTo(h.PERSONAL).length === 1);
    const answer = h.sentTo(h.PERSONAL)[0];
    expect(answer?.activity.channelData).toMatchObject({ feedbackLoop: { type: 'default' } });
    const feedback = h.activity(
      h.alice,
      { conversationType: 'personal', id: h.PERSONAL },
      {
        type: 'invoke',
        name: 'message/submitAction',
        replyToId: h.messageIdOf(answer as never),
        value: {
          actionName: 'feedback',
          actionValue: { reaction: 'dislike', feedback: JSON.stringify({ feedbackText: 'Needs the CLI' }) },
        },
      },
    );

    expect(await invoke(feedback)).toEqual({ status: 200, body: {} });

    const [record] = await h.store.list('feedback/');
    expect(record?.value).toMatchObject({
      entryId: 'how-to-geo-restore',
      helpful: false,
      comment: 'Needs the CLI',
    });
  });

  it('welcomes a person who installs the app with their home, and shows it again on "help"', async () => {
    await h.start();
    // A ticket of hers from a channel thread (one from this chat would take her typed "help" to support).
    await h.post(h.mention(h.alice, h.CHANNEL, 'talk to a human'));
    await h.waitFor(() => h.ticketCards().length === 1);
    const installed = h.activity(
      h.alice,
      { conversationType: 'personal', id: h.PERSONAL },
      {
        type: 'conversationUpdate',
        membersAdded: [{ id: h.BOT.id }],
      },
    );

    await h.post(installed);
    await h.post(h.personal(h.alice, 'help'));

    await h.waitFor(() => h.sentTo(h.PERSONAL).length === 2);
    const [welcome, help] = h.sentTo(h.PERSONAL);
    const [ticket] = await h.tickets();
    for (const card of [welcome, help]) {
      const text = h.texts(card);
      expect(text).toContain('Your open tickets:');
      expect(text).toContain(`${ticket?.ref}: waiting for someone from support`);
      expect(text).toContain('Ask GeoRestore');
    }
    // In a channel, help stays the ordinary help (no one's tickets in front of the channel).
    await h.post(h.mention(h.alice, h.CHANNEL, 'help'));
    await h.waitFor(
      () =>
        h.sentTo(h.CHANNEL).length +
          h.connector.messages().filter((m) => m.conversationId.startsWith(h.CHANNEL)).length >
        0,
    );
    const inChannel = h.connector.messages().filter((m) => m.conversationId.startsWith(h.CHANNEL));
    expect(h.texts(inChannel[0])).not.toContain('Your open tickets');
  });
});
