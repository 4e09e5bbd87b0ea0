import { describe, expect, it } from 'vitest';
import { parseAiBotMessage } from '../../src/bot/parse-ai-bot-message.js';
import { rejectionStatus } from '../support/rejection-status.js';

const ARRIVED = 1_700_000_100_000;
const BASE = {
  msgid: 'CAIQ16HMjQYY',
  aibotid: 'AIBOTID',
  chatid: 'wrkSFfCgAA',
  chattype: 'group',
  from: { userid: 'lisi' },
  response_url: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC',
};

function json(extra: Record<string, unknown>): string {
  return JSON.stringify({ ...BASE, ...extra });
}

describe('parseAiBotMessage', () => {
  it('reads a group text message', () => {
    const message = parseAiBotMessage(json({ msgtype: 'text', text: { content: '@AI /me' }, create_time: 1700000000 }), ARRIVED);
    expect(message).toEqual({
      channel: 'ai-bot',
      msgId: 'CAIQ16HMjQYY',
      from: { userid: 'lisi' },
      chatId: 'wrkSFfCgAA',
      chatType: 'group',
      kind: 'text',
      text: '@AI /me',
      createdAt: 1_700_000_000_000,
      receivedAt: ARRIVED,
      responseUrl: BASE.response_url,
    });
  });

  it('reads a single chat without chatid and without create_time', () => {
    const { chatid: _chatid, ...single } = BASE;
    const message = parseAiBotMessage(JSON.stringify({ ...single, chattype: 'single', msgtype: 'text', text: { content: '/help' } }), ARRIVED);
    expect(message).toMatchObject({ chatId: null, chatType: 'single', createdAt: null, text: '/help' });
  });

  it('reads image, file, mixed and event messages', () => {
    expect(parseAiBotMessage(json({ msgtype: 'image', image: { url: 'https://x/i' } }), ARRIVED)).toMatchObject({ kind: 'image', url: 'https://x/i' });
    expect(parseAiBotMessage(json({ msgtype: 'file', file: { url: 'https://x/f' } }), ARRIVED)).toMatchObject({ kind: 'file', url: 'https://x/f' });
    const mixed = { msg_item: [{ msgtype: 'text', text: { content: 'a' } }, { msgtype: 'image', image: { url: 'https://x/m' } }, { msgtype: 'text', text: { content: 'b' } }] };
    expect(parseAiBotMessage(json({ msgtype: 'mixed', mixed }), ARRIVED)).toMatchObject({ kind: 'mixed', text: 'a b', url: 'https://x/m' });
    const { msgid: _msgid, ...noId } = BASE;
    const event = parseAiBotMessage(JSON.stringify({ ...noId, msgtype: 'event', create_time: 1700000000, event: { eventtype: 'enter_chat' } }), ARRIVED);
    expect(event).toMatchObject({ kind: 'event', event: 'enter_chat', msgId: 'lisi:1700000000:enter_chat' });
  });

  it('turns a stream refresh and other types into kind "other"', () => {
    expect(parseAiBotMessage(json({ msgtype: 'stream', stream: { id: 's' } }), ARRIVED)).toMatchObject({ kind: 'other' });
  });

  it('drops __proto__ keys without polluting Object.prototype', () => {
    const text = `{"__proto__":{"polluted":"yes"},"msgid":"1","aibotid":"b","chattype":"single","from":{"userid":"u","__proto__":{"polluted":"yes"}},"msgtype":"text","text":{"content":"x"}}`;
    expect(parseAiBotMessage(text, ARRIVED)).toMatchObject({ msgId: '1', text: 'x' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['not JSON', '<xml/>'],
    ['an array', '[1,2]'],
    ['no from', JSON.stringify({ msgid: '1', aibotid: 'b', msgtype: 'text' })],
    ['a numeric userid object', json({ from: { userid: { x: 1 } }, msgtype: 'text' })],
    ['no msgtype', json({})],
    ['no aibotid', JSON.stringify({ ...BASE, aibotid: undefined, msgtype: 'text', text: { content: 'x' } })],
    ['text content that is not a string', json({ msgtype: 'text', text: { content: 5 } })],
    ['a chattype of room', json({ msgtype: 'text', chattype: 'room', text: { content: 'x' } })],
    ['a negative create_time', json({ msgtype: 'text', create_time: -1, text: { content: 'x' } })],
    ['an event without msgid or create_time', JSON.stringify({ ...BASE, msgid: undefined, msgtype: 'event', event: { eventtype: 'enter_chat' } })],
  ])('rejects %s with 400', (_label, plaintext) => {
    expect(rejectionStatus(() => parseAiBotMessage(plaintext, ARRIVED))).toBe(400);
  });
});
