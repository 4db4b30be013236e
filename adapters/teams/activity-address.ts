import { type Activity, TurnContext } from 'botbuilder';
import type { Address, Json } from '../../bot/model.js';

/** Where to answer: a channel post keeps its reply chain (`;messageid=`), and the whole reference is kept for proactive sends. */
export function addressOf(activity: Activity): Address {
  const reference = TurnContext.getConversationReference(activity);
  const id = activity.conversation?.id ?? '';
  const [conversationId = id, threadId] = id.split(';messageid=');
  return {
    channel: 'teams',
    conversationId,
    ...(threadId ? { threadId } : {}),
    ref: jsonCopy(reference),
    ...(activity.conversation?.conversationType === 'personal' ? { direct: true } : {}),
  };
}

/**
 * A deep copy as JSON would make it (undefined and functions left out, dates as strings), without the
 * round trip through a string on every turn.
 */
export function jsonCopy(value: unknown): Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) {
    return value.map((item) =>
      item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : jsonCopy(item),
    );
  }
  if (typeof value === 'object') {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
      return JSON.parse(JSON.stringify(value)) as Json;
    }
    const out: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      out[key] = jsonCopy(item);
    }
    return out;
  }
  return null;
}
