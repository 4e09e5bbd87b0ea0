import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/bot/parse-xml.js';
import { rejectionStatus } from '../support/rejection-status.js';

describe('parseXml', () => {
  it('reads elements, CDATA, repeated elements and empty elements', () => {
    const parsed = parseXml('<xml><A>1</A><B><![CDATA[x < y & z]]></B><C>a</C><C>b</C><D></D><E><F>f</F></E></xml>');
    expect(JSON.parse(JSON.stringify(parsed))).toEqual({ xml: { A: '1', B: 'x < y & z', C: ['a', 'b'], D: '', E: { F: 'f' } } });
  });

  it('decodes the five predefined entities and character references but nothing else', () => {
    expect(JSON.stringify(parseXml('<xml><A>&lt;&amp;&#x41;&#66;</A></xml>'))).toBe('{"xml":{"A":"<&AB"}}');
    expect(rejectionStatus(() => parseXml('<xml><A>&custom;</A></xml>'))).toBe(400);
  });

  it.each([
    ['a DOCTYPE', '<!DOCTYPE xml [<!ENTITY a "b">]><xml><A>&a;</A></xml>'],
    ['a lower-case doctype', '<!doctype xml><xml/>'],
    ['an ENTITY declaration alone', '<xml><!ENTITY lol "lol"></xml>'],
    ['a billion-laughs bomb', `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><xml>&lol2;</xml>`],
    ['an external entity', '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml>&xxe;</xml>'],
  ])('refuses %s with 400', (_label, xml) => {
    expect(rejectionStatus(() => parseXml(xml))).toBe(400);
  });

  it.each([
    ['unclosed', '<xml><A>1</A>'],
    ['mismatched', '<xml><A>1</B></xml>'],
    ['not XML', 'hello'],
    ['empty', ''],
    ['JSON', '{"encrypt":"x"}'],
    ['text outside a root', 'text'],
  ])('refuses %s XML with 400', (_label, xml) => {
    expect(rejectionStatus(() => parseXml(xml))).toBe(400);
  });

  it('refuses documents nested deeper than any WeCom message', () => {
    expect(rejectionStatus(() => parseXml(`${'<a>'.repeat(40)}x${'</a>'.repeat(40)}`))).toBe(400);
  });

  it('drops __proto__, constructor and prototype keys and pollutes nothing', () => {
    const parsed = parseXml(
      '<xml><__proto__><polluted>yes</polluted></__proto__><constructor><prototype><polluted>yes</polluted></prototype></constructor><A>1</A></xml>',
    );
    const root = parsed.xml as Record<string, unknown>;
    expect(Object.keys(root)).toEqual(['A']);
    expect(Object.getPrototypeOf(root)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a failed or trailing-junk document never affects the next one', () => {
    const sequence = ['<xml><A>1</A></xml>junk<<', '<xml><A>2</A></xml>', '<xml><A>3</B></xml>', '<xml><A>4</A></xml>', '<xml>', '<xml><A>5</A></xml>'];
    const outcomes = sequence.map((xml) => (rejectionStatus(() => parseXml(xml)) === 200 ? JSON.stringify(parseXml(xml)) : 400));
    expect(outcomes).toEqual(['{"xml":{"A":"1"}}', '{"xml":{"A":"2"}}', 400, '{"xml":{"A":"4"}}', 400, '{"xml":{"A":"5"}}']);
  });
});
