import { CallbackRejected } from '../errors.js';

/** A decoded XML element or JSON object whose fields are not yet trusted. */
export type Fields = { readonly [key: string]: unknown };

const MAX_ID_CHARS = 256;

/** The value as an object of fields; CallbackRejected(400) naming `what` otherwise. */
export function record(value: unknown, what: string): Fields {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CallbackRejected(400, `${what} is not an object`);
  }
  return value as Fields;
}

/** A child object, or undefined when absent (XML gives '' for an empty element). */
export function optionalRecord(fields: Fields, key: string): Fields | undefined {
  const value = fields[key];
  if (value === undefined || value === '') return undefined;
  return record(value, key);
}

/** A string field, or undefined when absent; a field of another type is malformed. */
export function optionalString(fields: Fields, key: string): string | undefined {
  const value = fields[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new CallbackRejected(400, `${key} is not text`);
  return value;
}

/** An identifier (ids, types, URLs): trimmed, non-empty, bounded; numbers are accepted as their decimal text. */
export function requiredId(fields: Fields, key: string): string {
  const id = optionalId(fields, key);
  if (id === undefined) throw new CallbackRejected(400, `${key} is missing`);
  return id;
}

/** Like `requiredId`, but undefined when absent or blank. */
export function optionalId(fields: Fields, key: string): string | undefined {
  const value = fields[key];
  if (value === undefined) return undefined;
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string') throw new CallbackRejected(400, `${key} is not text`);
  const id = text.trim();
  if (id.length > MAX_ID_CHARS) throw new CallbackRejected(400, `${key} is too long`);
  return id === '' ? undefined : id;
}

/** A CreateTime-style field in seconds, returned in ms; null when absent. */
export function optionalSeconds(fields: Fields, key: string): number | null {
  const id = optionalId(fields, key);
  if (id === undefined) return null;
  if (!/^\d{1,12}$/.test(id)) throw new CallbackRejected(400, `${key} is not a time`);
  return Number(id) * 1000;
}

/** A repeated element or JSON array as a list (one XML element arrives as a single value). */
export function list(value: unknown): unknown[] {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}
