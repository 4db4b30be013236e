import { z } from 'zod';

const object = z.record(z.string(), z.unknown());
const optionalObject = object.optional();
/** Present as an object, null, or absent (Bolt checks these for both undefined and null). */
const nullableObject = object.nullable().optional();
const stringOrObject = z.union([z.string(), object]).optional();

/** What Bolt dereferences in an Events API envelope before any listener runs. */
const eventEnvelope = z.looseObject({
  event: z.looseObject({
    channel: stringOrObject,
    user: stringOrObject,
    item: optionalObject,
    subteam: optionalObject,
  }),
  authorizations: z.array(object).optional(),
});

/** …in a button click, menu, view or shortcut payload. */
const interactive = z.looseObject({
  user: object,
  team: nullableObject,
  enterprise: nullableObject,
  channel: optionalObject,
  actions: z.array(object).optional(),
});

const view = z.looseObject({ view: object });

const INTERACTIVE_TYPES = new Set([
  'block_suggestion',
  'dialog_submission',
  'shortcut',
  'message_action',
  'view_submission',
  'view_closed',
]);

/**
 * Bolt reads a payload's nested fields without checking them, so a signed but malformed payload (an
 * `event` that is not an object, a click without a `user`) would end in a TypeError and a 500. This
 * checks those fields first; a payload that fails is the sender's mistake and gets a 400.
 */
export function envelopeProblem(body: Record<string, unknown>): string | undefined {
  if (body.event !== undefined) return problem(eventEnvelope, body, 'event');
  if (body.command !== undefined)
    return typeof body.command === 'string' ? undefined : 'command field must be a string';
  const type = typeof body.type === 'string' ? body.type : '';
  if (type.startsWith('view_') && !view.safeParse(body).success) return 'view field must be an object';
  if (body.actions !== undefined || body.name !== undefined || INTERACTIVE_TYPES.has(type))
    return problem(interactive, body, 'interactive payload');
  return undefined;
}

function problem(schema: z.ZodType, body: unknown, what: string): string | undefined {
  const result = schema.safeParse(body);
  if (result.success) return undefined;
  const field = result.error.issues[0]?.path.join('.') ?? '';
  return `${what} field ${field || '(root)'} has the wrong shape`;
}
