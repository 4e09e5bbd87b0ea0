import { Parser } from 'xml2js';
import { CallbackRejected } from '../errors.js';

/** A parsed XML element: its text, its children by name, or a list when a name repeats. */
export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  [name: string]: XmlValue;
}

const FORBIDDEN_DECLARATION = /<!(?:DOCTYPE|ENTITY)/i;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 16;
const PARSER_OPTIONS = { explicitArray: false, ignoreAttrs: true, explicitRoot: true, async: false, strict: true };

/**
 * Parses a WeCom XML document into plain null-prototype objects. Refuses DTDs and entity declarations, never
 * resolves entities, drops keys such as `__proto__`, and throws CallbackRejected(400) for anything malformed.
 * @example parseXml('<xml><Encrypt>abc</Encrypt></xml>') // { xml: { Encrypt: 'abc' } }
 */
export function parseXml(xml: string): XmlObject {
  if (FORBIDDEN_DECLARATION.test(xml)) throw new CallbackRejected(400, 'XML with a DOCTYPE or ENTITY is refused');
  const parsed = runParser(xml);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CallbackRejected(400, 'XML has no root element');
  }
  return sanitize(parsed, 0) as XmlObject;
}

// Parsing is synchronous and the parser resets itself after each document, so one instance serves every call;
// it is replaced after any failure so a half-parsed state can never leak into the next document.
let parser = new Parser(PARSER_OPTIONS);

function runParser(xml: string): unknown {
  let outcome: { error: unknown; result: unknown } | undefined;
  try {
    parser.parseString(xml, (error: unknown, result: unknown) => {
      if (error || !outcome) outcome = { error, result };
    });
  } catch (error) {
    outcome = { error, result: undefined };
  }
  if (!outcome || outcome.error) {
    parser = new Parser(PARSER_OPTIONS);
    throw new CallbackRejected(400, 'malformed XML');
  }
  return outcome.result;
}

function sanitize(value: unknown, depth: number): XmlValue {
  if (typeof value === 'string') return value;
  if (depth > MAX_DEPTH) throw new CallbackRejected(400, 'XML nested too deeply');
  if (Array.isArray(value)) return value.map((item) => sanitize(item, depth + 1));
  if (value === null || typeof value !== 'object') throw new CallbackRejected(400, 'malformed XML');
  const clean = Object.create(null) as XmlObject;
  for (const key of Object.keys(value)) {
    if (UNSAFE_KEYS.has(key)) continue;
    clean[key] = sanitize((value as Record<string, unknown>)[key], depth + 1);
  }
  return clean;
}
