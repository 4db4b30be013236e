import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

/** Slack's v0 request signature: HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret. */
export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  contentType?: string;
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  secret?: string;
  /** Replaces the computed signature. */
  signature?: string;
  headers?: Record<string, string>;
  /** Sign this body but send `body` (a tampered request). */
  signedBody?: string;
}

/** POSTs a body to the Slack endpoint the way Slack does, signed unless told otherwise. */
export function sendSigned(url: string, body: string, options: SendOptions = {}): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature':
        options.signature ?? sign(options.signedBody ?? body, timestamp, options.secret ?? SIGNING_SECRET),
      ...options.headers,
    },
    body,
  });
}

export const FORM = 'application/x-www-form-urlencoded';

/** A slash command as Slack posts it (form fields). */
export function slashCommand(fields: {
  text: string;
  responseUrl: string;
  userId?: string;
  triggerId?: string;
  channelId?: string;
}): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T1',
    team_domain: 'example',
    channel_id: fields.channelId ?? 'C1',
    channel_name: 'db-ops',
    user_id: fields.userId ?? 'U1',
    user_name: 'alice',
    command: '/georestore',
    text: fields.text,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? `trigger-${Math.random().toString(36).slice(2)}`,
  }).toString();
}

let eventCounter = 0;

/** An Events API envelope around `event`, with a fresh event id unless one is given. */
export function eventEnvelope(
  event: Record<string, unknown>,
  eventId = `Ev${++eventCounter}${Date.now()}`,
): string {
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: 'T1',
    api_app_id: 'A1',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: 1767000000,
    authorizations: [
      { enterprise_id: null, team_id: 'T1', user_id: 'UBOT', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: '4-eyJldCI6ImFwcF9tZW50aW9uIn0',
  });
}

export function appMention(fields: {
  text: string;
  ts: string;
  threadTs?: string;
  user?: string;
  channel?: string;
  botId?: string;
}) {
  return {
    type: 'app_mention',
    user: fields.user ?? 'U1',
    text: fields.text,
    ts: fields.ts,
    ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
    ...(fields.botId ? { bot_id: fields.botId } : {}),
    team: 'T1',
    channel: fields.channel ?? 'C1',
    event_ts: fields.ts,
  };
}

export function directMessage(fields: {
  text: string;
  ts: string;
  user?: string;
  channel?: string;
  botId?: string;
  subtype?: string;
}) {
  return {
    type: 'message',
    channel_type: 'im',
    user: fields.user ?? 'U1',
    text: fields.text,
    ts: fields.ts,
    team: 'T1',
    channel: fields.channel ?? 'D1',
    event_ts: fields.ts,
    ...(fields.botId ? { bot_id: fields.botId } : {}),
    ...(fields.subtype ? { subtype: fields.subtype } : {}),
  };
}

/** A button click (block_actions) as Slack posts it: a form with one JSON `payload` field. */
export function blockActions(fields: {
  actionId: string;
  value?: string;
  responseUrl: string;
  userId?: string;
  channel?: string;
  messageTs?: string;
  threadTs?: string;
  ephemeral?: boolean;
  actionTs?: string;
  /** `feedback_buttons` for a click on Slack's native 👍/👎; `button` by default. */
  type?: string;
}): string {
  const channel = fields.channel ?? 'C1';
  const messageTs = fields.messageTs ?? '1767000000.000001';
  const payload = {
    type: 'block_actions',
    user: { id: fields.userId ?? 'U2', username: 'bob', name: 'bob', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'deprecated-verification-token',
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: channel,
      is_ephemeral: fields.ephemeral ?? false,
      ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
    },
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    team: { id: 'T1', domain: 'example' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: 'db-ops' },
    ...(fields.ephemeral
      ? {}
      : {
          message: {
            type: 'message',
            user: 'UBOT',
            bot_id: 'BBOT',
            ts: messageTs,
            text: 'previous answer',
            ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
          },
        }),
    state: { values: {} },
    response_url: fields.responseUrl,
    actions: [
      {
        type: fields.type ?? 'button',
        action_id: fields.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'label', emoji: true },
        ...(fields.value !== undefined ? { value: fields.value } : {}),
        action_ts: fields.actionTs ?? `${Math.floor(Date.now() / 1000)}.${Math.floor(Math.random() * 1e6)}`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/**
 * A message shortcut as Slack posts it (`type: message_action`, the documented shortcut payload): the
 * message it was used on, the person who used it, a response_url for answering only them.
 */
export function messageShortcut(fields: {
  callbackId: string;
  text: string;
  messageTs: string;
  threadTs?: string;
  responseUrl: string;
  userId?: string;
  author?: string;
  channel?: string;
}): string {
  const payload = {
    type: 'message_action',
    token: 'deprecated-verification-token',
    action_ts: `${Math.floor(Date.now() / 1000)}.${Math.floor(Math.random() * 1e6)}`,
    team: { id: 'T1', domain: 'example' },
    user: { id: fields.userId ?? 'U2', username: 'bob', name: 'bob', team_id: 'T1' },
    channel: { id: fields.channel ?? 'C1', name: 'db-ops' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: fields.callbackId,
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    response_url: fields.responseUrl,
    message_ts: fields.messageTs,
    message: {
      type: 'message',
      user: fields.author ?? 'U3',
      ts: fields.messageTs,
      text: fields.text,
      team: 'T1',
      ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
    },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** `app_home_opened` as the Events API delivers it (the documented example, on the Home tab). */
export function appHomeOpened(fields: { user: string; channel: string; tab?: 'home' | 'messages' }) {
  return {
    type: 'app_home_opened',
    user: fields.user,
    channel: fields.channel,
    tab: fields.tab ?? 'home',
    event_ts: `${Math.floor(Date.now() / 1000)}.000100`,
  };
}

/** A button clicked on the Home tab: a block_actions payload from a view, with no channel. */
export function homeClick(fields: {
  actionId: string;
  value?: string;
  userId: string;
  privateMetadata: string;
}) {
  const payload = {
    type: 'block_actions',
    user: { id: fields.userId, username: 'alice', name: 'alice', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'deprecated-verification-token',
    container: { type: 'view', view_id: 'V1' },
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    team: { id: 'T1', domain: 'example' },
    enterprise: null,
    is_enterprise_install: false,
    view: { id: 'V1', type: 'home', private_metadata: fields.privateMetadata, callback_id: '' },
    actions: [
      {
        type: 'button',
        action_id: fields.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'label', emoji: true },
        ...(fields.value !== undefined ? { value: fields.value } : {}),
        action_ts: `${Math.floor(Date.now() / 1000)}.${Math.floor(Math.random() * 1e6)}`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
