import { describe, expect, it } from 'vitest';
import type { ConnectorCall } from '../support/bot-connector-stub.js';
import { actionsOf, cardOf } from '../teams/teams-harness.js';
import * as h from './handoff-teams-harness.js';

/**
 * Issue 6 through the Teams HTTP edge (see handoff-teams-harness.ts). This file: the one-to-one chat, channel messages, misses and a restart.
 */

h.useHandoffBot();

describe('Teams: handing a one-to-one chat to a person', () => {
  it('posts the ticket to the support channel, claims once, relays both ways and asks after resolution', async () => {
    await h.start();
    expect(await h.post(h.personal(h.alice, 'I need to talk to a human'))).toBe(200);
    await h.waitFor(() => h.ticketCards().length === 1);
    expect(h.texts(h.sentTo(h.PERSONAL)[0])).toMatch(/I have asked the support team to help: ticket T-/);
    const card = h.ticketCards()[0] as ConnectorCall;
    expect(actionsOf(cardOf(card.activity)).map((a) => a.title)).toEqual(['Claim', 'Resolve']);
    expect(h.texts(card)).toContain('Alice Martin asked for a person.');

    // Someone outside the support team: told so, nothing changes, the card is shown again.
    await h.post(h.click(h.alice, card, 'Claim'));
    await h.waitFor(() => h.sentTo(h.SUPPORT).some((c) => h.texts(c).includes('Only the support team')));
    expect((await h.tickets())[0]?.state).toBe('open');
    expect(actionsOf(cardOf(h.cardNow(card).activity)).map((a) => a.title)).toEqual(['Claim', 'Resolve']);

    // Bob claims on the card as it is now; a second click on the same card does nothing twice.
    const claimClick = h.click(h.bob, card, 'Claim');
    await h.post(claimClick);
    await h.post({ ...claimClick, id: h.nextId() });
    await h.waitFor(() =>
      h.sentTo(h.PERSONAL).some((c) => h.texts(c).includes('has picked up your request')),
    );
    const t = (await h.tickets())[0];
    expect(t).toMatchObject({ state: 'claimed', claimedBy: { id: h.bob.aadObjectId, name: 'Bob Chen' } });
    expect(t?.history.filter((h) => h.what === 'claimed')).toHaveLength(1);

    // Bob writes in the ticket's thread (mentioning the bot); Alice gets it, marked.
    await h.post(h.mention(h.bob, h.SUPPORT, 'Hi Alice, <b>looking</b> now', h.messageIdOf(card)));
    await h.waitFor(() => h.sentTo(h.PERSONAL).some((c) => h.texts(c).startsWith('From support')));
    expect(h.texts(h.sentTo(h.PERSONAL).find((c) => h.texts(c).startsWith('From support')))).toBe(
      // Markup Bob typed arrives as plain text; the card escapes what would be markdown.
      'From support (Bob Chen): Hi Alice, <b>looking</b> now',
    );
    // Alice's answer goes to the thread under the ticket card.
    await h.post(h.personal(h.alice, 'thanks, it is pg-orders'));
    const thread = `${h.SUPPORT};messageid=${h.messageIdOf(card)}`;
    await h.waitFor(() => h.sentTo(thread).some((c) => h.texts(c).startsWith('From Alice Martin')));
    expect(h.texts(h.sentTo(thread).find((c) => h.texts(c).startsWith('From Alice')))).toBe(
      'From Alice Martin: thanks, it is pg-orders',
    );

    await h.post(h.click(h.bob, card, 'Resolve'));
    await h.waitFor(() => h.sentTo(h.PERSONAL).some((c) => h.texts(c).includes('Did the support team')));
    expect((await h.tickets())[0]?.state).toBe('resolved');
  });
});

describe('Teams: channel messages without a mention (delivered with the RSC permission)', () => {
  it("relays a support person's unmentioned answer in a ticket's thread and drops every other channel message", async () => {
    await h.start();
    const card = await h.aliceOpensTicket();
    const before = h.connector.messages().length;
    const keys = async () => (await h.store.list('')).length;
    const stored = await keys();

    // Chatter in another channel and a new post in the support channel: no answer, nothing stored.
    expect(await h.post(h.unmentioned(h.alice, h.CHANNEL, 'what is geo-redundant backup?'))).toBe(200);
    expect(await h.post(h.unmentioned(h.bob, h.SUPPORT, 'lunch anyone?'))).toBe(200);
    expect(await h.post({ ...h.unmentioned(h.alice, h.CHANNEL, 'x'.repeat(5000)) })).toBe(200);
    expect(h.connector.messages()).toHaveLength(before);
    expect(await keys()).toBe(stored);

    // Bob answers in the ticket's thread without mentioning the bot: it claims and reaches Alice.
    await h.post(h.unmentioned(h.bob, h.SUPPORT, 'On it, Alice', h.messageIdOf(card)));
    await h.waitFor(() => h.sentTo(h.PERSONAL).some((c) => h.texts(c).startsWith('From support')));
    expect(h.texts(h.sentTo(h.PERSONAL).find((c) => h.texts(c).startsWith('From support')))).toBe(
      'From support (Bob Chen): On it, Alice',
    );
    expect((await h.tickets())[0]).toMatchObject({ state: 'claimed', claimedBy: { name: 'Bob Chen' } });
  });
});

describe('Teams: two questions the bot cannot answer', () => {
  it('offers a person after two misses in a row; the click opens a ticket with what the bot considered', async () => {
    await h.start();
    await h.post(h.personal(h.alice, "what's the weather in paris tomorrow"));
    await h.waitFor(() => h.sentTo(h.PERSONAL).length === 1);
    await h.post(h.personal(h.alice, 'who won the football match yesterday'));
    await h.waitFor(() => h.sentTo(h.PERSONAL).length === 2);
    const offer = h.sentTo(h.PERSONAL)[1] as ConnectorCall;
    expect(h.texts(offer)).toMatch(/two questions in a row/);

    await h.post(h.click(h.alice, offer, 'Talk to a person'));
    await h.waitFor(() => h.ticketCards().length === 1);
    expect((await h.tickets())[0]).toMatchObject({
      reason: 'misses',
      question: 'who won the football match yesterday',
      state: 'open',
    });
    expect(h.texts(h.ticketCards()[0])).toContain('who won the football match yesterday');
  });
});

describe('Teams: a restart with an open ticket', () => {
  it('loses nothing: the ticket card still claims and relays after the bot restarts', async () => {
    await h.start();
    const card = await h.aliceOpensTicket();

    await h.restart();

    await h.post(h.click(h.bob, card, 'Claim'));
    await h.waitFor(() =>
      h.sentTo(h.PERSONAL).some((c) => h.texts(c).includes('has picked up your request')),
    );
    expect((await h.tickets())[0]).toMatchObject({ state: 'claimed' });
    await h.post(h.personal(h.alice, 'still there?'));
    const thread = `${h.SUPPORT};messageid=${h.messageIdOf(card)}`;
    await h.waitFor(() => h.sentTo(thread).some((c) => h.texts(c) === 'From Alice Martin: still there?'));
  });
});
