import type { Escalations } from '../../bot/ports/escalations.js';
import type { Messenger } from '../../bot/ports/messenger.js';
import { foldText } from '../../knowledge/clean-text.js';
import { personOf } from '../common/person.js';
import { info } from '../common/replies.js';
import type { TurnGate } from '../engine/dialog.js';
import { fromRequester, fromSupport, handedBackReply } from './ticket-notices.js';
import { withName } from './with-name.js';

const takeOver = /^(take over|you take over|take it from here|back to (the )?bot|hand ?back)$/;

/**
 * Who speaks while a person owns a conversation. In a channel thread the person answers there and the
 * bot says nothing until the ticket is resolved or handed back ("@bot take over"). In a one-to-one chat
 * the bot relays both ways between the requester and the ticket's support thread, marked as such.
 * Chatter in the support channel that is not a ticket's relay is never answered.
 */
export function handoffRelay(deps: { escalations: Escalations; messenger: Messenger }): TurnGate {
  const esc = deps.escalations;
  return {
    async intercept(turn, log) {
      if (turn.action) return undefined;
      const person = personOf(turn);
      if (esc.isSupportChannel(turn.address)) {
        const t = await esc.forSupportThread(turn.address);
        if (!t?.direct || t.state === 'resolved' || !esc.isAgent(person)) {
          log.info({ ticket: t?.ref }, 'ticket.silent');
          return [];
        }
        // Named once here, for the claim and the relayed line alike.
        const agent = await withName(person, deps.messenger);
        let owner = t;
        if (t.state === 'open') {
          const claimed = await esc.claim(t.id, agent);
          if (claimed.ok) owner = claimed.ticket;
        }
        await deps.messenger.send(owner.address, fromSupport(agent, turn.text));
        await esc.recordAnswer(owner.id, agent, turn.text);
        log.info({ ticket: owner.ref }, 'ticket.relay.toRequester');
        return [];
      }
      const t = await esc.activeFor(turn.address);
      if (!t) return undefined;
      if (takeOver.test(foldText(turn.text).trim()) && esc.isAgent(person)) {
        const back = await esc.resolve(t.id, person, 'handed-back');
        return back.ok ? [handedBackReply(back.ticket)] : undefined;
      }
      if (!t.direct) {
        if (t.state !== 'claimed') return undefined;
        // The person's own words to the requester in the thread: a draft entry's starting answer.
        if (esc.isAgent(person)) await esc.recordAnswer(t.id, person, turn.text);
        log.info({ ticket: t.ref }, 'ticket.silent');
        return [];
      }
      const thread = esc.supportThread(t);
      if (!thread) return undefined;
      await deps.messenger.send(thread, fromRequester(t, turn.text));
      log.info({ ticket: t.ref }, 'ticket.relay.toSupport');
      if (t.state === 'claimed') return [];
      return [
        info(
          `I added that to your ticket ${t.ref}. Nobody from the support team has picked it up yet; you will hear from them here.`,
        ),
      ];
    },
  };
}
