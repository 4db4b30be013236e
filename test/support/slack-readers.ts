import type { StubCall } from './slack-api-stub.js';

/** Readers of what the bot sent to the loopback Slack Web API, as a person would see it. */

/** What the bot posted anywhere a person sees it: a response_url answer, a message or an ephemeral message. */
export const isMessage = (c: StubCall) =>
  c.status === 200 &&
  (c.method.startsWith('respond:') || c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral');

/** The fallback text of a posted message: title, summary, text and facts as `label: value`, unescaped. */
export const textOf = (call: StubCall | undefined): string =>
  String(call?.args.text ?? '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

type ButtonElement = { type: string; action_id: string; value?: string; text: { text: string } };
type FeedbackSide = { text: { text: string }; value: string };
type Element = ButtonElement & { positive_button?: FeedbackSide; negative_button?: FeedbackSide };

/**
 * The buttons of a posted message, as Slack would show them; Slack's native 👍/👎 (a `feedback_buttons`
 * element) as one button per side, each clicked with its own value.
 */
export function buttonsOf(call: StubCall | undefined): ButtonElement[] {
  const blocks = (call?.args.blocks ?? []) as Array<{ type: string; elements?: Element[] }>;
  return blocks
    .filter((b) => b.type === 'actions' || b.type === 'context_actions')
    .flatMap((b) => b.elements ?? [])
    .flatMap((e) =>
      e.type === 'feedback_buttons'
        ? [e.positive_button, e.negative_button].flatMap((side) =>
            side ? [{ type: e.type, action_id: e.action_id, value: side.value, text: side.text }] : [],
          )
        : [e],
    );
}

export function labelsOf(call: StubCall | undefined): string[] {
  return buttonsOf(call).map((b) => b.text.text);
}
