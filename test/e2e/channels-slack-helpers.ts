import type { StubCall } from '../support/slack-api-stub.js';
import { appHomeOpened, eventEnvelope, FORM, homeClick, messageShortcut } from '../support/slack-requests.js';
import type { E2e } from './e2e-bot.js';

/** The Slack surfaces of issue 22 driven as Slack drives them: shortcuts, the Home tab. */

let n = 0;

/**
 * `user` uses a message shortcut on a message: the HTTP response (Slack wants it empty and 200 at
 * once), and the id of the shortcut's response_url, where only that person is answered.
 */
export async function useShortcut(
  e2e: E2e,
  user: string,
  fields: { callbackId: string; text: string; messageTs: string; threadTs?: string; channel?: string },
) {
  const responseId = `shortcut${++n}`;
  const res = await e2e.send(
    messageShortcut({ ...fields, userId: user, responseUrl: e2e.stub.responseUrl(responseId) }),
    FORM,
  );
  return { res, body: await res.text(), responseId };
}

/** `user` opens the Home tab; resolves with the view published for them after it. */
export async function openHome(e2e: E2e, user: string, dm: string): Promise<StubCall | undefined> {
  const before = e2e.stub.accepted('views.publish').length;
  await e2e.send(eventEnvelope(appHomeOpened({ user, channel: dm })));
  await e2e.stub.until((s) => s.accepted('views.publish').length > before);
  return e2e.stub.accepted('views.publish').at(-1);
}

type Block = {
  type: string;
  text?: { text: string };
  fields?: Array<{ text: string }>;
  elements?: unknown[];
};

/** A published Home view's text, blocks joined, with Slack's three entities decoded. */
export function homeText(call: StubCall | undefined): string {
  const view = call?.args.view as { blocks?: Block[] } | string | undefined;
  const blocks = (typeof view === 'string' ? (JSON.parse(view) as { blocks: Block[] }) : view)?.blocks ?? [];
  return blocks
    .flatMap((b) => [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)])
    .join('\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function homeOf(call: StubCall | undefined): {
  type: string;
  private_metadata: string;
  blocks: Array<Block & { elements?: Array<{ action_id: string; value?: string; text: { text: string } }> }>;
} {
  const view = call?.args.view;
  return typeof view === 'string' ? JSON.parse(view) : (view as never);
}

/** Clicks the Home-tab button labelled `label`, as Slack posts it (from a view, with no channel). */
export async function clickHome(e2e: E2e, user: string, home: StubCall | undefined, label: string) {
  const view = homeOf(home);
  const button = view.blocks.flatMap((b) => b.elements ?? []).find((e) => e.text?.text === label);
  if (!button) throw new Error(`no "${label}" on the Home tab`);
  return e2e.send(
    homeClick({
      actionId: button.action_id,
      ...(button.value !== undefined ? { value: button.value } : {}),
      userId: user,
      privateMetadata: view.private_metadata,
    }),
    FORM,
  );
}
