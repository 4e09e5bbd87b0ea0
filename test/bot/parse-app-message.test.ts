import { describe, expect, it } from 'vitest';
import { parseAppMessage } from '../../src/bot/parse-app-message.js';
import { rejectionStatus } from '../support/rejection-status.js';

const ARRIVED = 1_700_000_100_000;

function xml(fields: string): string {
  return `<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>1700000000</CreateTime>${fields}<AgentID>1000002</AgentID></xml>`;
}

describe('parseAppMessage', () => {
  it('reads a text message without stripping anything', () => {
    const message = parseAppMessage(xml('<MsgType>text</MsgType><Content><![CDATA[ /checkin  ]]></Content><MsgId>123</MsgId>'), ARRIVED);
    expect(message).toEqual({
      channel: 'app',
      msgId: '123',
      from: { userid: 'zhangsan' },
      chatId: null,
      chatType: 'single',
      kind: 'text',
      text: ' /checkin  ',
      createdAt: 1_700_000_000_000,
      receivedAt: ARRIVED,
    });
  });

  it('reads an image (PicUrl) and a link (Url, Title)', () => {
    const image = parseAppMessage(xml('<MsgType>image</MsgType><PicUrl>https://p.qpic.cn/x.png</PicUrl><MediaId>m</MediaId><MsgId>7</MsgId>'), ARRIVED);
    expect(image).toMatchObject({ kind: 'image', url: 'https://p.qpic.cn/x.png', msgId: '7', text: '' });
    const link = parseAppMessage(
      xml('<MsgType>link</MsgType><Title><![CDATA[用户研究报告]]></Title><Description>d</Description><Url>https://doc.example/r</Url><MsgId>8</MsgId>'),
      ARRIVED,
    );
    expect(link).toMatchObject({ kind: 'link', url: 'https://doc.example/r', title: '用户研究报告', msgId: '8' });
  });

  it('keys an event by sender, CreateTime and event name', () => {
    const event = parseAppMessage(xml('<MsgType>event</MsgType><Event>enter_agent</Event><EventKey></EventKey>'), ARRIVED);
    expect(event).toMatchObject({ kind: 'event', event: 'enter_agent', msgId: 'zhangsan:1700000000:enter_agent', text: '' });
  });

  it('turns other types into kind "other"', () => {
    const voice = parseAppMessage(xml('<MsgType>voice</MsgType><MediaId>m</MediaId><MsgId>9</MsgId>'), ARRIVED);
    expect(voice).toMatchObject({ kind: 'other', msgId: '9' });
  });

  it('reads a message without CreateTime as createdAt null', () => {
    const plain = '<xml><FromUserName>u</FromUserName><MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId></xml>';
    expect(parseAppMessage(plain, ARRIVED).createdAt).toBeNull();
  });

  it.each([
    ['no FromUserName', '<xml><MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId></xml>'],
    ['no MsgType', xml('<Content>x</Content><MsgId>1</MsgId>')],
    ['a text without MsgId', xml('<MsgType>text</MsgType><Content>x</Content>')],
    ['an image without PicUrl', xml('<MsgType>image</MsgType><MsgId>1</MsgId>')],
    ['an event without Event', xml('<MsgType>event</MsgType>')],
    ['a structured Content', xml('<MsgType>text</MsgType><Content><B>x</B></Content><MsgId>1</MsgId>')],
    ['a non-numeric CreateTime', '<xml><FromUserName>u</FromUserName><CreateTime>soon</CreateTime><MsgType>text</MsgType><MsgId>1</MsgId></xml>'],
    ['another root', '<msg><FromUserName>u</FromUserName></msg>'],
    ['not XML', 'hello'],
  ])('rejects %s with 400', (_label, plaintext) => {
    expect(rejectionStatus(() => parseAppMessage(plaintext, ARRIVED))).toBe(400);
  });
});
