import { buttonsOf, isMessage, labelsOf } from '../e2e/e2e-bot.js';
import type { SlackApiStub, StubCall } from './slack-api-stub.js';
import { blockActions, directMessage, eventEnvelope, FORM, sendSigned } from './slack-requests.js';

let clicks = 0;

type Match = (call: StubCall) => boolean;

/**
 * One person in a DM with the bot, where each request may go to a different replica: `dm` and `click`
 * take the URL of the replica's /slack/events, as a load balancer would pick it.
 */
export function slackPerson(stub: SlackApiStub, user: string, channel: string) {
  let ts = 0;
  const nextTs = () => `1767200000.${String(++ts).padStart(6, '0')}`;
  /** Messages posted into this DM (or through a response_url of one of its clicks). */
  const messages = () =>
    stub.calls.filter(
      (c) => isMessage(c) && (c.args.channel === channel || c.method.startsWith(`respond:${channel}-`)),
    );
  /** The first message posted after the first `before` ones (that satisfies `match`, when given). */
  async function firstAfter(before: number, match: Match = () => true): Promise<StubCall | undefined> {
    const found = () => messages().slice(before).find(match);
    await stub.until(() => found() !== undefined);
    return found();
  }
  async function post(url: string, body: string, contentType?: string, headers?: Record<string, string>) {
    const res = await sendSigned(url, body, {
      ...(contentType ? { contentType } : {}),
      ...(headers ? { headers } : {}),
    });
    await res.body?.cancel();
    if (res.status !== 200) throw new Error(`POST ${url} answered ${res.status}`);
    return res;
  }

  return {
    messages,
    post,
    /** The envelope of a DM, to send it more than once (a retry) with `post`. */
    dmEnvelope: (text: string) => eventEnvelope(directMessage({ text, ts: nextTs(), user, channel })),
    /** A DM to the bot through `url`; resolves with the first message posted after it (that matches). */
    async dm(url: string, text: string, match?: Match) {
      const before = messages().length;
      await post(url, eventEnvelope(directMessage({ text, ts: nextTs(), user, channel })));
      return firstAfter(before, match);
    },
    /**
     * Clicks the button labelled `label` (or whose action id starts with `label#`) through `url`;
     * resolves with the first message posted after it (that matches).
     */
    async click(url: string, on: StubCall | undefined, label: string, match?: Match) {
      const button = buttonsOf(on).find((b) => b.text.text === label || b.action_id.startsWith(`${label}#`));
      if (!button) throw new Error(`no button "${label}" on ${JSON.stringify(labelsOf(on))}`);
      const before = messages().length;
      const body = blockActions({
        actionId: button.action_id,
        ...(button.value !== undefined ? { value: button.value } : {}),
        responseUrl: stub.responseUrl(`${channel}-${++clicks}`),
        userId: user,
        channel,
        messageTs: nextTs(),
        ephemeral: on?.method === 'chat.postEphemeral',
        type: button.type,
      });
      await post(url, body, FORM);
      return firstAfter(before, match);
    },
  };
}
