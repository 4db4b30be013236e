// Not re-exported by botframework-connector's index: the mappers its connector client serializes with.
import * as mappers from 'botframework-connector/lib/connectorApi/models/mappers.js';

let done = false;

/**
 * botframework-connector serializes an activity's entities with a model that knows only `type`,
 * `text` and `mentioned`, and drops every other field, although the Activity model declares additional
 * properties for them. The message entity that carries an answer's citations (`citation`, `@type`,
 * `@context`) would reach Teams as a bare `{ type }`. Declaring the additional properties on the Entity
 * model itself keeps them, and changes nothing for a mention. Done once per process, before a send.
 */
export function keepEntityFields(): void {
  if (done) return;
  const entity = (mappers as unknown as { Entity?: { type: { additionalProperties?: unknown } } }).Entity;
  if (entity) entity.type.additionalProperties ??= { type: { name: 'Object' } };
  done = true;
}
