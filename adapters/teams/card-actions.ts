import type { Json } from '../../bot/model.js';

/** What a button of ours carries back: the action, its value, which card and which button. */
export interface CardActionData {
  action: string;
  value?: Json;
  card: string;
  button: number;
}

const MARK = 'grb';

export function actionData(data: CardActionData): { [key: string]: Json } {
  return {
    [MARK]: 1,
    action: data.action,
    card: data.card,
    button: data.button,
    ...(data.value !== undefined ? { value: data.value } : {}),
  };
}

/**
 * Reads the data of a click (Action.Execute `value.action.data` or Action.Submit `value`). Anything
 * that is not exactly our shape is not a click of ours: undefined.
 */
export function readActionData(raw: unknown): CardActionData | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const data = raw as Record<string, unknown>;
  if (data[MARK] !== 1) return undefined;
  const { action, card, button, value } = data;
  if (typeof action !== 'string' || action.length === 0 || action.length > 100) return undefined;
  if (typeof card !== 'string' || !/^[\w-]{1,64}$/.test(card)) return undefined;
  if (typeof button !== 'number' || !Number.isInteger(button) || button < 0 || button > 100) return undefined;
  return { action, card, button, ...(value !== undefined ? { value: value as Json } : {}) };
}
