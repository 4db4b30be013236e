import type { Button, Json } from '../../bot/model.js';

/** Block Kit limits for a button. */
export const MAX_ACTION_ID = 255;
export const MAX_ACTION_VALUE = 2000;

export interface EncodedAction {
  action_id: string;
  value?: string;
}

/**
 * Slack wants action ids unique within a block while several of our buttons share an id (one
 * "did you mean" button per candidate), so the position rides along after a `#`.
 * Returns undefined when the button cannot be represented within Slack's limits.
 */
export function encodeAction(button: Button, index: number): EncodedAction | undefined {
  const actionId = `${button.id}#${index}`;
  if (actionId.length > MAX_ACTION_ID) return undefined;
  if (button.value === undefined) return { action_id: actionId };
  const value = JSON.stringify(button.value);
  if (value.length > MAX_ACTION_VALUE) return undefined;
  return { action_id: actionId, value };
}

/** The clicked button back as `Turn.action`; undefined for anything we did not encode. */
export function decodeAction(actionId: unknown, value: unknown): { id: string; value?: Json } | undefined {
  if (typeof actionId !== 'string' || actionId.length > MAX_ACTION_ID) return undefined;
  const match = /^(.+)#\d+$/.exec(actionId);
  if (!match?.[1]) return undefined;
  if (value === undefined) return { id: match[1] };
  if (typeof value !== 'string' || value.length > MAX_ACTION_VALUE) return undefined;
  try {
    return { id: match[1], value: JSON.parse(value) as Json };
  } catch {
    return undefined;
  }
}
