import type { Button, Reply } from '../../bot/model.js';

const statusMark = { pass: '[ok]', fail: '[x]', warn: '[!]', info: '[i]' } as const;

/** A reply as plain terminal text; buttons are numbered from `firstNumber` so they can be typed back. */
export function renderText(reply: Reply, firstNumber = 1): { text: string; buttons: Button[] } {
  const lines: string[] = [];
  if (reply.title) lines.push(`== ${reply.title} ==`);
  if (reply.summary) lines.push(reply.summary, '');
  lines.push(reply.text);
  for (const fact of reply.facts ?? []) {
    lines.push(`  ${fact.status ? `${statusMark[fact.status]} ` : ''}${fact.label}: ${fact.value}`);
  }
  if (reply.context) lines.push('', `(${reply.context})`);
  for (const link of reply.links ?? []) lines.push(`  -> ${link.title}: ${link.url}`);
  const buttons = reply.buttons ?? [];
  if (buttons.length > 0) {
    lines.push('');
    buttons.forEach((b, i) => {
      lines.push(`  [${firstNumber + i}] ${b.label}`);
    });
  }
  return { text: lines.join('\n'), buttons };
}

/** Several replies, numbering buttons across all of them. */
export function renderAll(replies: Reply[]): { text: string; buttons: Button[] } {
  const buttons: Button[] = [];
  const texts = replies.map((r) => {
    const rendered = renderText(r, buttons.length + 1);
    buttons.push(...rendered.buttons);
    return rendered.text;
  });
  return { text: texts.join('\n\n'), buttons };
}
