import fc from 'fast-check';
import {
  appMention,
  blockActions,
  directMessage,
  eventEnvelope,
  FORM,
  type SendOptions,
  slashCommand,
} from '../support/slack-requests.js';
import { hostileActionId, hostileText, hostileValue, parsesAsJson } from './hostile-text.js';

/** One request to POST /slack/events and what the edge must answer. */
export interface SlackCase {
  kind: string;
  body: string | Uint8Array;
  options: SendOptions;
  /** Allowed statuses; every case also must not be 5xx. */
  expect: 'client-error' | 'handled';
}

const json = (body: string, kind: string, expect: SlackCase['expect'] = 'client-error'): SlackCase => ({
  kind,
  body,
  options: {},
  expect,
});
const form = (body: string, kind: string, expect: SlackCase['expect'] = 'client-error'): SlackCase => ({
  kind,
  body,
  options: { contentType: FORM },
  expect,
});

const dm = hostileText.map((text) =>
  eventEnvelope(directMessage({ text, ts: '1767000000.000100', channel: 'DFUZZ1' })),
);
const slash = (respondTo: string) =>
  hostileText.map((text) => slashCommand({ text, responseUrl: respondTo, channelId: 'CFUZZ1' }));

/** Bodies that are not a readable Slack request: every one must get a 4xx and run nothing. */
export function malformedSlack(respondTo: string): fc.Arbitrary<SlackCase> {
  return fc.oneof(
    fc
      .tuple(dm, fc.double({ min: 0, max: 0.999, noNaN: true }))
      .map(([body, cut]) => json(body.slice(0, Math.floor(body.length * cut)), 'truncated json')),
    fc
      .string({ unit: 'grapheme', maxLength: 40 })
      .filter((s) => !parsesAsJson(s))
      .map((s) => json(s, 'invalid json')),
    fc
      .jsonValue({ maxDepth: 2 })
      .filter((v) => v === null || typeof v !== 'object' || Array.isArray(v))
      .map((v) => json(JSON.stringify(v), 'json not an object')),
    fc
      .tuple(
        slash(respondTo),
        fc.nat(),
        fc.constantFrom('%', '%Z', '%ZZ', '%E0%A4%A', '%u0041', '%C0%AF', '%ED%A0%80'),
      )
      .map(([body, at, bad]) => {
        const i = at % (body.length + 1);
        return form(`${body.slice(0, i)}${bad}${body.slice(i)}`, 'bad percent-encoding');
      })
      .filter((c) => badPercent(c.body as string)),
    slash(respondTo).map((body) => form(`${body}&text=again`, 'repeated form field')),
    fc
      .tuple(
        dm,
        fc.nat(),
        fc.integer({ min: 0, max: 0x1f }).filter((c) => c !== 9 && c !== 10 && c !== 13),
      )
      .map(([body, at, code]) => {
        const i = at % (body.length + 1);
        return json(
          `${body.slice(0, i)}${String.fromCharCode(code)}${body.slice(i)}`,
          'raw control character',
        );
      }),
    fc
      .tuple(
        dm,
        fc.constantFrom([0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]),
      )
      .map(([body, bytes]) => ({
        kind: 'invalid utf-8',
        body: Buffer.concat([
          Buffer.from(body.slice(0, 40)),
          Buffer.from(bytes),
          Buffer.from(body.slice(40)),
        ]),
        options: {},
        expect: 'client-error' as const,
      })),
    fc
      .tuple(
        dm,
        fc.constantFrom(
          'text/plain',
          'application/xml',
          'multipart/form-data; boundary=x',
          '',
          'application/jsonp',
        ),
      )
      .map(([body, contentType]) => ({
        kind: 'unsupported content type',
        body,
        options: { contentType },
        expect: 'client-error' as const,
      })),
    fc
      .tuple(
        dm,
        fc.constantFrom<SendOptions>(
          { signature: 'v0=deadbeef' },
          { signature: `v0=${'0'.repeat(64)}` },
          { secret: 'another-secret' },
          { timestamp: Math.floor(Date.now() / 1000) - 600 },
          { timestamp: Math.floor(Date.now() / 1000) + 600 },
          { signedBody: '{"type":"event_callback"}' },
          { headers: { 'x-slack-request-timestamp': 'yesterday' } },
        ),
      )
      .map(([body, options]) => ({ kind: 'bad signature', body, options, expect: 'client-error' as const })),
    fc.tuple(hostileActionId, fc.double({ min: 0, max: 0.95, noNaN: true })).map(([actionId, cut]) => {
      const payload = decodeURIComponent(
        blockActions({ actionId, responseUrl: respondTo }).slice('payload='.length).replace(/\+/g, ' '),
      );
      const truncated = payload.slice(0, Math.floor(payload.length * cut));
      return form(new URLSearchParams({ payload: truncated }).toString(), 'truncated payload');
    }),
  );
}

/** Readable requests with hostile content or odd shapes: never a 5xx, and a full turn where it is one. */
export function hostileSlack(respondTo: string): fc.Arbitrary<SlackCase> {
  return fc.oneof(
    { weight: 4, arbitrary: slash(respondTo).map((b) => form(b, 'slash command', 'handled')) },
    { weight: 2, arbitrary: dm.map((b) => json(b, 'direct message', 'handled')) },
    {
      weight: 2,
      arbitrary: fc.tuple(hostileText, fc.boolean()).map(([text, thread]) =>
        json(
          eventEnvelope(
            appMention({
              text: `<@UBOT> ${text}`,
              ts: '1767000000.000200',
              channel: 'CFUZZ2',
              ...(thread ? { threadTs: '1767000000.000001' } : {}),
            }),
          ),
          'app mention',
          'handled',
        ),
      ),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          hostileActionId,
          fc.option(hostileValue, { nil: undefined }),
          fc.option(fc.nat(12), { nil: undefined }),
        )
        .map(([id, value, index]) =>
          form(
            blockActions({
              actionId: index === undefined ? id : `${id}#${index}`,
              ...(value !== undefined ? { value } : {}),
              responseUrl: respondTo,
              channel: 'CFUZZ3',
            }),
            'button click',
            'handled',
          ),
        ),
    },
    { weight: 1, arbitrary: oddEnvelope.map((b) => json(b, 'odd event shape', 'handled')) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(slash(respondTo), fc.double({ min: 0.05, max: 0.999, noNaN: true }))
        .map(([body, cut]) => body.slice(0, Math.floor(body.length * cut)).replace(/%[0-9A-F]?$/i, ''))
        .filter((b) => b.length > 0)
        .map((b) => form(b, 'truncated slash command', 'handled')),
    },
    {
      weight: 1,
      arbitrary: fc
        .dictionary(
          fc.constantFrom('type', 'user', 'actions', 'response_url', 'view', 'container'),
          fc.jsonValue({ maxDepth: 2 }),
        )
        .map((payload) =>
          form(
            new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
            'odd payload',
            'handled',
          ),
        ),
    },
  );
}

/** Events API envelopes with missing, mistyped or extra fields around a plausible event. */
const oddEnvelope = fc
  .record(
    {
      type: fc.constantFrom(
        'event_callback',
        'app_rate_limited',
        'url_verification',
        'block_actions',
        'message',
      ),
      event: fc.oneof(
        fc.record(
          {
            type: fc.constantFrom(
              'message',
              'app_mention',
              'reaction_added',
              'app_home_opened',
              'member_joined_channel',
            ),
            subtype: fc.constantFrom(
              'bot_message',
              'message_changed',
              'message_deleted',
              'file_share',
              'thread_broadcast',
            ),
            channel_type: fc.constantFrom('im', 'channel', 'mpim', 'group'),
            text: fc.oneof(hostileText, fc.jsonValue({ maxDepth: 1 })),
            user: fc.oneof(fc.constantFrom('U1', 'UBOT', ''), fc.jsonValue({ maxDepth: 1 })),
            channel: fc.oneof(fc.constantFrom('D1', 'C1'), fc.jsonValue({ maxDepth: 1 })),
            ts: fc.oneof(fc.constantFrom('1767000000.000300', 'x'), fc.double()),
            thread_ts: fc.constantFrom('1767000000.000001', ''),
            bot_id: fc.constantFrom('BBOT', 'B0OTHER'),
          },
          { requiredKeys: [] },
        ),
        fc.jsonValue({ maxDepth: 2 }),
      ),
      event_id: fc.oneof(fc.uuid(), fc.jsonValue({ maxDepth: 1 })),
      team_id: fc.constantFrom('T1', 'T0OTHER'),
      challenge: fc.jsonValue({ maxDepth: 1 }),
    },
    { requiredKeys: [] },
  )
  .map((envelope) => JSON.stringify(envelope));

function badPercent(body: string): boolean {
  try {
    for (const part of body.split(/[&=]/)) decodeURIComponent(part.replace(/\+/g, ' '));
    return false;
  } catch {
    return true;
  }
}
