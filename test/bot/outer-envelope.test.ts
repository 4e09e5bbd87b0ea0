import { describe, expect, it } from 'vitest';
import { checkXmlEnvelope, findJsonEncrypt, findXmlEncrypt } from '../../src/bot/outer-envelope.js';
import { rejectionStatus } from '../support/rejection-status.js';
import { officialPostBody, OFFICIAL } from './official-vectors.js';

describe('the outer envelope scanners', () => {
  it('read the official sample and the shapes WeCom sends', () => {
    expect(findXmlEncrypt(officialPostBody())).toBe(OFFICIAL.post.encrypt);
    expect(() => checkXmlEnvelope(officialPostBody())).not.toThrow();
    const spaced = `<?xml version="1.0" encoding="UTF-8"?>\n<xml>\n  <ToUserName>ww1</ToUserName>\n  <Encrypt> abc= </Encrypt>\n  <AgentID>1000002</AgentID>\n</xml>\n`;
    expect(findXmlEncrypt(spaced)).toBe('abc=');
    expect(() => checkXmlEnvelope(spaced)).not.toThrow();
    expect(findJsonEncrypt('{"encrypt":"abc"}')).toBe('abc');
  });

  it('refuse anything else with 400', () => {
    for (const body of ['<xml></xml>', '<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>', '<xml><Encrypt a="1">x</Encrypt></xml>', '<xml><Encrypt>a&amp;</Encrypt></xml>']) {
      expect(rejectionStatus(() => findXmlEncrypt(body))).toBe(400);
    }
    for (const body of ['<xml><!-- c --><Encrypt>a</Encrypt></xml>', '<xml><Encrypt>a</Encrypt></xm>', '<xml><A>1</B><Encrypt>a</Encrypt></xml>', `<xml>${'<A>1</A>'.repeat(17)}</xml>`, '<!DOCTYPE x><xml><Encrypt>a</Encrypt></xml>']) {
      expect(rejectionStatus(() => checkXmlEnvelope(body))).toBe(400);
    }
    for (const body of ['[]', '{"encrypt":1}', '{"__proto__":{"encrypt":"x"}}', '{"encrypt":"a"', 'null']) {
      expect(rejectionStatus(() => findJsonEncrypt(body))).toBe(400);
    }
  });
});
