import { Actions, type Button, type Fact, type Json, type Link, type Reply } from '../../bot/model.js';
import { actionData } from './card-actions.js';
import { escapeCardText, plainLabel } from './card-text.js';

export type JsonObject = { [key: string]: Json };

export interface RenderedCard {
  card: JsonObject;
  /** The button labels in data order, so a click can name what was chosen. */
  labels: string[];
}

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

const STATUS: Record<NonNullable<Fact['status']>, string> = { pass: '✅', fail: '❌', warn: '⚠️', info: 'ℹ️' };
const MAX_BLOCK = 4000;
const MAX_FACTS = 30;
const MAX_BUTTONS = 12;
const MAX_LINKS = 6;

/**
 * A Reply as an Adaptive Card 1.5: title, the short answer first, the detail, facts, the context line,
 * source links (Action.OpenUrl), then the reply's buttons and the 👍/👎 row. Every string is escaped.
 * Buttons are Action.Execute (Universal Actions) with an Action.Submit fallback for older clients.
 */
/** SUPPORT_ONCALL_TEAMS and its name, as configured. */
export type OnCallMention = { id: string; name: string };

export function renderCard(reply: Reply, cardId: string, oncall?: OnCallMention): RenderedCard {
  const body: Json[] = [];
  const mention = reply.notify === 'oncall' ? oncall : undefined;
  // The one live mention: built from configuration only (an Entra id and a validated name).
  if (mention) body.push({ type: 'TextBlock', text: `<at>${mention.name}</at>`, wrap: true });
  if (reply.title)
    body.push(textBlock(reply.title, { size: 'Medium', weight: 'Bolder', ...titleColour(reply) }));
  if (reply.summary) body.push(textBlock(reply.summary, { weight: 'Bolder' }));
  for (const paragraph of paragraphs(reply.text)) body.push(textBlock(paragraph, { spacing: 'Medium' }));
  const facts = (reply.facts ?? []).slice(0, MAX_FACTS);
  if (facts.length > 0) body.push({ type: 'FactSet', facts: facts.map(fact) });
  if (reply.context)
    body.push(textBlock(reply.context, { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  const sources = citedLinks(reply);
  const links = sources.map((link, i) =>
    openUrl(link, reply.kind === 'answer' ? `[${i + 1}] ${link.title}` : link.title),
  );
  if (reply.kind === 'answer' && links.length > 0)
    body.push({
      type: 'TextBlock',
      text: `Sources: ${links.map((_l, i) => `[${i + 1}]`).join(' ')}`,
      wrap: true,
      isSubtle: true,
      size: 'Small',
    });
  if (links.length > 0) body.push({ type: 'ActionSet', id: 'links', actions: links });

  const labels: string[] = [];
  const buttons = (reply.buttons ?? []).slice(0, MAX_BUTTONS);
  const row = (id: string, group: Button[]) => {
    const actions = group.map((button) => {
      labels.push(plainLabel(button.label));
      return execute(button, cardId, labels.length - 1);
    });
    if (actions.length > 0) body.push({ type: 'ActionSet', id, actions });
  };
  row(
    'buttons',
    buttons.filter((b) => b.id !== Actions.feedback),
  );
  row(
    'feedback',
    buttons.filter((b) => b.id === Actions.feedback),
  );
  if (body.length === 0) body.push(textBlock(' ', {}));
  return {
    card: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      msteams: {
        width: 'Full',
        ...(mention
          ? {
              entities: [
                {
                  type: 'mention',
                  text: `<at>${mention.name}</at>`,
                  mentioned: { id: mention.id, name: mention.name },
                },
              ],
            }
          : {}),
      },
      body,
    },
    labels,
  };
}

/** The card after a click: no active buttons (links stay), and a line saying what was chosen. */
export function spendCard(card: JsonObject, note: string): JsonObject {
  const body = Array.isArray(card.body) ? card.body : [];
  const kept = body.filter((element) => !isButtonRow(element));
  return { ...card, body: [...kept, textBlock(note, { isSubtle: true, spacing: 'Medium', size: 'Small' })] };
}

function isButtonRow(element: Json): boolean {
  if (typeof element !== 'object' || element === null || Array.isArray(element)) return false;
  return element.type === 'ActionSet' && (element.id === 'buttons' || element.id === 'feedback');
}

function textBlock(text: string, style: JsonObject): JsonObject {
  const clipped = text.length > MAX_BLOCK ? `${text.slice(0, MAX_BLOCK - 1)}…` : text;
  return { type: 'TextBlock', text: escapeCardText(clipped), wrap: true, ...style };
}

function titleColour(reply: Reply): JsonObject {
  if (reply.kind === 'error') return { color: 'Attention' };
  if (reply.kind === 'confirm') return { color: 'Warning' };
  return {};
}

/** Paragraphs are separated by blank lines; "- " lines become "• " so escaping keeps them readable. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => line.replace(/^\s*-\s+/, '• '))
        .join('\n')
        .trim(),
    )
    .filter((p) => p.length > 0);
}

function fact(f: Fact): JsonObject {
  const mark = f.status ? `${STATUS[f.status]} ` : '';
  return { title: escapeCardText(plainLabel(f.label, 100)), value: `${mark}${escapeCardText(f.value)}` };
}

/**
 * The reply's links a card shows, in order: only http(s) URLs (javascript:, data: are dropped), at most
 * six. An answer numbers them, `[1]` …, which the Teams citations of its message point at (card-sender).
 */
export function citedLinks(reply: Reply): Link[] {
  return (reply.links ?? [])
    .flatMap((link) => {
      try {
        const url = new URL(link.url);
        const web = url.protocol === 'https:' || url.protocol === 'http:';
        return web ? [{ title: link.title || url.hostname, url: url.href }] : [];
      } catch {
        return [];
      }
    })
    .slice(0, MAX_LINKS);
}

function openUrl(link: Link, title: string): JsonObject {
  return { type: 'Action.OpenUrl', title: plainLabel(title), url: link.url };
}

function execute(button: Button, card: string, index: number): JsonObject {
  const title = plainLabel(button.label);
  const data = actionData({
    action: button.id,
    card,
    button: index,
    ...(button.value !== undefined ? { value: button.value } : {}),
  });
  const style: JsonObject = button.style
    ? { style: button.style === 'danger' ? 'destructive' : 'positive' }
    : {};
  return {
    type: 'Action.Execute',
    title,
    verb: button.id,
    data,
    ...style,
    fallback: { type: 'Action.Submit', title, data, ...style },
  };
}
