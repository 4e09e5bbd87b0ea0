import { CallbackRejected } from '../errors.js';

// The outer body is unauthenticated: only its Encrypt value is signed. So it is never given to a parser; these
// scanners are linear (no nested quantifiers) and refuse anything that is not WeCom's small flat envelope.
const ENCRYPT_ELEMENT = /<Encrypt>(?:<!\[CDATA\[([^\]]*)\]\]>|([^<&]*))<\/Encrypt>/g;
const ENVELOPE_HEAD = /\s*(?:<\?xml [^<>?]*\?>\s*)?<xml>/y;
const ENVELOPE_CHILD = /\s*<([A-Za-z][\w.-]{0,63})>(?:<!\[CDATA\[[^\]]*\]\]>|[^<&]*)<\/([A-Za-z][\w.-]{0,63})>/y;
const ENVELOPE_TAIL = /\s*<\/xml>\s*$/y;
const MAX_CHILDREN = 16;

/**
 * The text of an outer XML body's one `Encrypt` element (CDATA or plain text), found without parsing the body so
 * that its signature can be checked first. CallbackRejected(400) unless there is exactly one such element.
 * @example findXmlEncrypt('<xml><Encrypt><![CDATA[abc]]></Encrypt></xml>') // 'abc'
 */
export function findXmlEncrypt(body: string): string {
  const found = [...body.matchAll(ENCRYPT_ELEMENT)];
  if (found.length !== 1 || body.split('<Encrypt').length !== 2) throw new CallbackRejected(400, 'XML body without exactly one Encrypt');
  const [, cdata, text] = found[0]!;
  return (cdata ?? text ?? '').trim();
}

/**
 * Checks, once the signature matched, that the outer body is WeCom's flat envelope: an optional XML declaration,
 * `<xml>`, a few elements that each hold plain text or one CDATA section, `</xml>`. Anything else (a DOCTYPE,
 * entities, comments, nesting) is CallbackRejected(400).
 * @example checkXmlEnvelope('<xml><ToUserName><![CDATA[ww1]]></ToUserName><Encrypt>abc</Encrypt></xml>')
 */
export function checkXmlEnvelope(body: string): void {
  ENVELOPE_HEAD.lastIndex = 0;
  if (!ENVELOPE_HEAD.test(body)) throw new CallbackRejected(400, 'outer XML is not a WeCom envelope');
  let at = ENVELOPE_HEAD.lastIndex;
  for (let children = 0; children <= MAX_CHILDREN; children += 1) {
    ENVELOPE_TAIL.lastIndex = at;
    if (ENVELOPE_TAIL.test(body)) return;
    ENVELOPE_CHILD.lastIndex = at;
    const child = ENVELOPE_CHILD.exec(body);
    if (!child || child[1] !== child[2]) break;
    at = ENVELOPE_CHILD.lastIndex;
  }
  throw new CallbackRejected(400, 'outer XML is not a WeCom envelope');
}

/**
 * The `encrypt` string of an outer JSON body (the AI bot's), read without trusting anything else in it.
 * CallbackRejected(400) when the body is not a JSON object with a string `encrypt`.
 * @example findJsonEncrypt('{"encrypt":"abc"}') // 'abc'
 */
export function findJsonEncrypt(body: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new CallbackRejected(400, 'malformed JSON');
  }
  const encrypt = json !== null && typeof json === 'object' && Object.hasOwn(json, 'encrypt') ? (json as { encrypt: unknown }).encrypt : undefined;
  if (typeof encrypt !== 'string') throw new CallbackRejected(400, 'JSON body without encrypt');
  return encrypt;
}
