import { isJsonObject, type Json } from '../../bot/model.js';

/** A string field of a button value, at most `maxChars` long; undefined for anything else. */
export function stringField(value: Json | undefined, name: string, maxChars = 400): string | undefined {
  const v = isJsonObject(value) ? value[name] : undefined;
  return typeof v === 'string' && v.length <= maxChars ? v : undefined;
}

/** A boolean field of a button value. */
export function booleanField(value: Json | undefined, name: string): boolean | undefined {
  const v = isJsonObject(value) ? value[name] : undefined;
  return typeof v === 'boolean' ? v : undefined;
}
