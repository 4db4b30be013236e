import fc from 'fast-check';
import {
  BOT_ID,
  channelMention,
  executeInvoke,
  feedbackInvoke,
  personalMessage,
  submitMessage,
} from '../teams/teams-activities.js';
import { hostileActionId, hostilePiece, hostileText, hostileValue, parsesAsJson } from './hostile-text.js';

/** One POST to /api/messages. `card: RECENT` in a click is replaced by a card the bot really sent. */
export interface TeamsCase {
  kind: string;
  body: string | Uint8Array;
  headers: Record<string, string>;
}

export const RECENT_CARD = '__recent_card__';

const activity = (serviceUrl: string) =>
  hostileText.map((text) => JSON.stringify(personalMessage(serviceUrl, text)));

/** Bodies that are not a readable, authenticated activity: every one must get a 4xx and send nothing. */
export function malformedTeams(serviceUrl: string, tokens: { wrongAudience: string; expired: string }) {
  const plain = (
    kind: string,
    body: string | Uint8Array,
    headers: Record<string, string> = {},
  ): TeamsCase => ({
    kind,
    body,
    headers,
  });
  return fc.oneof(
    fc
      .tuple(activity(serviceUrl), fc.double({ min: 0, max: 0.999, noNaN: true }))
      .map(([body, cut]) => plain('truncated json', body.slice(0, Math.floor(body.length * cut)))),
    fc
      .string({ unit: 'grapheme', maxLength: 40 })
      .filter((s) => !parsesAsJson(s))
      .map((s) => plain('invalid json', s)),
    fc
      .jsonValue({ maxDepth: 2 })
      .filter((v) => v === null || typeof v !== 'object' || Array.isArray(v))
      .map((v) => plain('json not an object', JSON.stringify(v))),
    fc.tuple(activity(serviceUrl), fc.nat(), fc.integer({ min: 0, max: 0x1f })).map(([body, at, code]) => {
      const i = body.indexOf('"text":"') + 8 + (at % 5);
      return plain(
        'raw control character',
        `${body.slice(0, i)}${String.fromCharCode(code)}${body.slice(i)}`,
      );
    }),
    fc
      .tuple(
        activity(serviceUrl),
        fc.constantFrom(
          'text/plain',
          'application/xml',
          'application/x-www-form-urlencoded',
          'application/json; charset=latin1',
          'application/json; charset=koi8-r',
        ),
      )
      .map(([body, type]) => plain('unsupported content type', body, { 'content-type': type })),
    fc
      .tuple(
        activity(serviceUrl),
        fc.constantFrom(
          'none',
          'Bearer',
          'Bearer not.a.jwt',
          'Basic dXNlcjpwYXNz',
          `Bearer ${tokens.wrongAudience}`,
          `Bearer ${tokens.expired}`,
          'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwYjAifQ.',
        ),
      )
      .map(([body, auth]) =>
        plain('bad token', body, auth === 'none' ? { authorization: '' } : { authorization: auth }),
      ),
    fc
      .record(
        {
          type: fc.oneof(fc.integer(), fc.constant(null), fc.array(fc.string())),
          serviceUrl: fc.constantFrom(serviceUrl),
          text: fc.oneof(hostileText, fc.integer()),
          conversation: fc.oneof(fc.string(), fc.integer()),
        },
        { requiredKeys: ['type', 'serviceUrl'] },
      )
      .map((a) => plain('not an activity', JSON.stringify(a))),
    fc
      .tuple(
        activity(serviceUrl),
        fc.constantFrom('https://smba.trafficmanager.net/emea/', 'http://127.0.0.2:1/', 'not a url'),
      )
      .map(([body, other]) =>
        plain('serviceUrl not in token', body.replace(JSON.stringify(serviceUrl), JSON.stringify(other))),
      ),
  );
}

/** Authenticated, readable activities with hostile content or odd shapes: never a 5xx. */
export function hostileTeams(serviceUrl: string): fc.Arbitrary<TeamsCase> {
  const json =
    (kind: string) =>
    (value: unknown): TeamsCase => ({ kind, body: JSON.stringify(value), headers: {} });
  const mentionEntity = fc.record({
    type: fc.constant('mention'),
    text: fc.oneof(
      fc.constantFrom('<at>Everyone</at>', '<at>GeoRestore Bot</at>', '<at>Bob</at>'),
      hostilePiece,
    ),
    mentioned: fc.record({ id: fc.constantFrom(BOT_ID, '29:1EvIl', 'everyone'), name: hostilePiece }),
  });
  const clickData = fc.record({
    grb: fc.constantFrom(1, 1, 1, 2),
    action: hostileActionId,
    card: fc.oneof(fc.constant(RECENT_CARD), fc.constant(RECENT_CARD), fc.string({ maxLength: 70 })),
    button: fc.oneof(fc.nat(4), fc.integer(), fc.double()),
    value: fc.oneof(hostileValue, fc.jsonValue({ maxDepth: 2 })),
  });
  return fc.oneof(
    {
      weight: 5,
      arbitrary: hostileText.map((t) => personalMessage(serviceUrl, t)).map(json('personal message')),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(hostileText, fc.array(mentionEntity, { maxLength: 3 }))
        .map(([text, mentions]) => {
          const a = channelMention(serviceUrl, text);
          return {
            ...a,
            text: `${mentions.map((m) => m.text).join(' ')} ${a.text}`,
            entities: [...a.entities, ...mentions],
          };
        })
        .map(json('channel mention')),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(clickData, fc.string({ maxLength: 12 }))
        .map(([data, replyTo]) => submitMessage(serviceUrl, replyTo, data))
        .map(json('card submit')),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(clickData, fc.oneof(fc.constant('ok'), hostilePiece))
        .map(([data, verb]) => executeInvoke(serviceUrl, 'msg-1', verb, data))
        .map(json('card execute')),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('like', 'dislike', 'meh'), hostileText)
        .map(([reaction, text]) => feedbackInvoke(serviceUrl, 'msg-1', reaction as 'like', text))
        .map(json('feedback')),
    },
    {
      weight: 1,
      arbitrary: fc
        .record(
          {
            type: fc.constantFrom(
              'message',
              'invoke',
              'event',
              'typing',
              'conversationUpdate',
              'messageReaction',
              'installationUpdate',
              'endOfConversation',
              'messageUpdate',
              'messageDelete',
            ),
            name: fc.oneof(
              fc.constantFrom(
                'adaptiveCard/action',
                'message/submitAction',
                'composeExtension/query',
                'signin/verifyState',
              ),
              hostilePiece,
            ),
            value: fc.jsonValue({ maxDepth: 3 }),
            text: fc.oneof(hostileText, fc.jsonValue({ maxDepth: 1 })),
            entities: fc.array(fc.oneof(mentionEntity, fc.jsonValue({ maxDepth: 2 })), { maxLength: 3 }),
            membersAdded: fc.array(fc.record({ id: fc.constantFrom(BOT_ID, '29:1x') }), { maxLength: 2 }),
            replyToId: fc.string({ maxLength: 10 }),
            channelData: fc.jsonValue({ maxDepth: 2 }),
            attachments: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 2 }),
          },
          { requiredKeys: ['type'] },
        )
        .map((odd) => ({ ...personalMessage(serviceUrl, ''), ...odd }))
        .map(json('odd activity')),
    },
  );
}
