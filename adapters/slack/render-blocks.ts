import type { types } from '@slack/bolt';
import { Actions, type Button, type Fact, isJsonObject, type Link, type Reply } from '../../bot/model.js';
import { encodeAction } from './action-codec.js';
import { escapeSlack } from './slack-text.js';

type KnownBlock = types.KnownBlock;

export interface SlackMessage {
  /** Notification and accessibility fallback; escaped like everything else. */
  text: string;
  blocks: KnownBlock[];
  /** Ids of buttons left out because Slack could not carry them (oversized value). */
  dropped: string[];
}

const STATUS_EMOJI: Record<NonNullable<Fact['status']>, string> = {
  pass: ':white_check_mark:',
  fail: ':x:',
  warn: ':warning:',
  info: ':information_source:',
};

// Block Kit limits.
const MAX_BLOCKS = 50;
const MAX_SECTION = 3000;
const MAX_FIELD = 2000;
const MAX_HEADER = 150;
const MAX_BUTTON_TEXT = 75;
const MAX_FIELDS = 10;
const MAX_ACTIONS = 25;
const MAX_CONTEXT_ELEMENTS = 10;
const MAX_FALLBACK = 3000;

/**
 * A Reply as Block Kit. Every string of the reply is escaped and every mrkdwn object is `verbatim`,
 * so nothing a user or Azure wrote can become a mention, a channel link or an auto-linked URL.
 */
export function renderReply(reply: Reply, oncall?: string): SlackMessage {
  const blocks: KnownBlock[] = [];
  const dropped: string[] = [];
  const mention = reply.notify === 'oncall' ? oncallMention(oncall) : undefined;
  if (mention) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: mention } });
  if (reply.title) blocks.push({ type: 'header', text: plain(reply.title, MAX_HEADER) });
  if (reply.summary) blocks.push(section(`*${escapeSlack(reply.summary.trim())}*`));
  for (const chunk of chunks(paragraphs(reply.text), MAX_SECTION)) blocks.push(section(chunk));
  const facts = reply.facts ?? [];
  for (let i = 0; i < facts.length; i += MAX_FIELDS) {
    blocks.push({ type: 'section', fields: facts.slice(i, i + MAX_FIELDS).map(factField) });
  }
  const context = contextElements(reply.context, reply.links ?? []);
  if (context.length > 0) blocks.push({ type: 'context', elements: context });
  const buttons = reply.buttons ?? [];
  const main = buttons.filter((b) => b.id !== Actions.feedback);
  const feedback = buttons.filter((b) => b.id === Actions.feedback);
  let index = 0;
  const row = (group: Button[]) => {
    const elements = group.flatMap((button) => {
      const element = buttonElement(button, index++);
      if (element === undefined) dropped.push(button.id);
      return element === undefined ? [] : [element];
    });
    for (let i = 0; i < elements.length; i += MAX_ACTIONS) {
      blocks.push({ type: 'actions', elements: elements.slice(i, i + MAX_ACTIONS) });
    }
  };
  row(main);
  const native = feedbackButtons(feedback, index);
  if (native) blocks.push(native);
  else row(feedback);
  const fallback = fallbackText(reply);
  return {
    text: mention ? `${mention} ${fallback}` : fallback,
    blocks: blocks.slice(0, MAX_BLOCKS),
    dropped,
  };
}

/**
 * The one live mention the bot makes: the configured on-call user or user group, and only in the shape
 * configuration allows (validated as U…/W…/S… ids), never anything a user typed.
 */
function oncallMention(oncall: string | undefined): string | undefined {
  if (oncall === undefined) return undefined;
  if (/^[UW][A-Z0-9]{2,}$/.test(oncall)) return `<@${oncall}>`;
  if (/^S[A-Z0-9]{2,}$/.test(oncall)) return `<!subteam^${oncall}>`;
  return undefined;
}

/** Slack decodes entities in plain_text too, so it is escaped like mrkdwn (and never parsed). */
function plain(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: clipEscaped(escapeSlack(text.trim() || ' '), max), emoji: true };
}

function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

function section(text: string): KnownBlock {
  return { type: 'section', text: mrkdwn(clipEscaped(text, MAX_SECTION)) };
}

/** Paragraphs separated by blank lines; a line starting with "- " is a bullet. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((para) =>
      para
        .split('\n')
        .map((line) =>
          /^\s*- /.test(line) ? `• ${escapeSlack(line.replace(/^\s*- /, ''))}` : escapeSlack(line),
        )
        .join('\n')
        .trim(),
    )
    .filter((para) => para.length > 0);
}

/** Packs paragraphs into as few sections as fit. */
function chunks(paras: string[], max: number): string[] {
  const out: string[] = [];
  for (const para of paras) {
    const last = out.at(-1);
    if (last !== undefined && last.length + 2 + para.length <= max)
      out[out.length - 1] = `${last}\n\n${para}`;
    else out.push(para);
  }
  return out;
}

function factField(fact: Fact): types.MrkdwnElement {
  const emoji = fact.status ? `${STATUS_EMOJI[fact.status]} ` : '';
  return mrkdwn(clipEscaped(`*${escapeSlack(fact.label)}*\n${emoji}${escapeSlack(fact.value)}`, MAX_FIELD));
}

function contextElements(context: string | undefined, links: Link[]): types.MrkdwnElement[] {
  const parts: string[] = [];
  if (context?.trim()) parts.push(escapeSlack(context.trim()));
  for (const link of links) {
    const url = safeUrl(link.url);
    parts.push(url === undefined ? escapeSlack(link.title) : `<${url}|${escapeSlack(link.title)}>`);
  }
  return parts.slice(0, MAX_CONTEXT_ELEMENTS).map((text) => mrkdwn(clipEscaped(text, MAX_SECTION)));
}

/** Only well-formed https URLs become links; anything that could break out of `<url|label>` does not. */
export function safeUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' || /[|<>\s]/.test(url.href)) return undefined;
    return url.href.replace(/&/g, '&amp;');
  } catch {
    return undefined;
  }
}

function buttonElement(button: Button, index: number): types.Button | undefined {
  const encoded = encodeAction(button, index);
  if (encoded === undefined) return undefined;
  const element: types.Button = { type: 'button', text: plain(button.label, MAX_BUTTON_TEXT), ...encoded };
  if (button.style) element.style = button.style;
  return element;
}

/**
 * 👍/👎 as Slack's own feedback buttons (a `feedback_buttons` element in a `context_actions` block,
 * shown under the message like an AI answer's): one action id, each button's value its own click, so
 * a click decodes to the same `faq.feedback` turn as our buttons. Undefined unless the reply has
 * exactly a helpful and an unhelpful button that fit; those are then drawn as ordinary buttons.
 */
function feedbackButtons(feedback: Button[], index: number): types.ContextActionsBlock | undefined {
  const helpful = (b: Button) => isJsonObject(b.value) && b.value.helpful === true;
  const positive = feedback.find(helpful);
  const negative = feedback.find((b) => isJsonObject(b.value) && b.value.helpful === false);
  if (feedback.length !== 2 || !positive || !negative) return undefined;
  const up = encodeAction(positive, index);
  const down = encodeAction({ ...negative, id: positive.id }, index);
  if (up?.value === undefined || down?.value === undefined) return undefined;
  const side = (button: Button, value: string) => ({
    text: plain(button.label, MAX_BUTTON_TEXT),
    value,
    accessibility_label: clipEscaped(escapeSlack(button.label), MAX_BUTTON_TEXT),
  });
  return {
    type: 'context_actions',
    elements: [
      {
        type: 'feedback_buttons',
        action_id: up.action_id,
        positive_button: side(positive, up.value),
        negative_button: side(negative, down.value),
      },
    ],
  };
}

function fallbackText(reply: Reply): string {
  const lines = [
    reply.title,
    reply.summary,
    reply.text,
    ...(reply.facts ?? []).map((f) => `${f.label}: ${f.value}`),
  ];
  const text = lines.filter((l): l is string => Boolean(l?.trim())).join('\n');
  return clipEscaped(escapeSlack(text || reply.kind), MAX_FALLBACK);
}

/** Clips already-escaped text without leaving half an entity behind. */
function clipEscaped(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/&[a-z]{0,3}$/, '')}…`;
}
