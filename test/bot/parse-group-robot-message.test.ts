import { describe, expect, it } from 'vitest';
import { parseGroupRobotMessage } from '../../src/bot/parse-group-robot-message.js';
import { rejectionStatus } from '../support/rejection-status.js';

const ARRIVED = 1_700_000_100_000;

// Shapes follow WeCom's 群机器人 接收消息 samples, including their stray whitespace before CDATA.
const HEAD = `<WebhookUrl> <![CDATA[https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K]]></WebhookUrl>
  <ChatId><![CDATA[wrkSFfCgAALFgnrSsWU38puiv4yvExuw]]></ChatId>
  <GetChatInfoUrl><![CDATA[https://qyapi.weixin.qq.com/cgi-bin/webhook/get_chat_info?code=c]]></GetChatInfoUrl>
  <From><UserId>zhangsan</UserId><Name><![CDATA[张三]]></Name><Alias><![CDATA[jackzhang]]></Alias></From>`;

function xml(body: string, chatType = 'group'): string {
  return `<xml>${HEAD}<ChatType>${chatType}</ChatType>${body}</xml>`;
}

describe('parseGroupRobotMessage', () => {
  it('reads a text message that @-mentions the bot, keeping the mention', () => {
    const message = parseGroupRobotMessage(xml('<MsgType>text</MsgType><Text><Content><![CDATA[@RobotA /rank 5]]></Content></Text><MsgId>abcd</MsgId>'), ARRIVED);
    expect(message).toEqual({
      channel: 'group-robot',
      msgId: 'abcd',
      from: { userid: 'zhangsan', name: '张三' },
      chatId: 'wrkSFfCgAALFgnrSsWU38puiv4yvExuw',
      chatType: 'group',
      kind: 'text',
      text: '@RobotA /rank 5',
      createdAt: null,
      receivedAt: ARRIVED,
      webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K',
    });
  });

  it('uses CreateTime where the callback carries one', () => {
    const message = parseGroupRobotMessage(xml('<CreateTime>1700000000</CreateTime><MsgType>text</MsgType><Text><Content>x</Content></Text><MsgId>m</MsgId>'), ARRIVED);
    expect(message.createdAt).toBe(1_700_000_000_000);
  });

  it('reads a single chat, an image and an event', () => {
    const image = parseGroupRobotMessage(xml('<MsgType>image</MsgType><Image><ImageUrl><![CDATA[https://p.qpic.cn/1]]></ImageUrl></Image><MsgId>i</MsgId>', 'single'), ARRIVED);
    expect(image).toMatchObject({ chatType: 'single', kind: 'image', url: 'https://p.qpic.cn/1', text: '' });
    const event = parseGroupRobotMessage(xml('<MsgType>event</MsgType><Event><EventType><![CDATA[add_to_chat]]></EventType></Event><MsgId>e</MsgId>'), ARRIVED);
    expect(event).toMatchObject({ kind: 'event', event: 'add_to_chat', msgId: 'e' });
  });

  it('keys an event without MsgId by sender, CreateTime and event', () => {
    const event = parseGroupRobotMessage(xml('<CreateTime>1700000000</CreateTime><MsgType>event</MsgType><Event><EventType>enter_chat</EventType></Event>'), ARRIVED);
    expect(event.msgId).toBe('zhangsan:1700000000:enter_chat');
  });

  it('joins the text parts of a mixed message and keeps its first image', () => {
    const body = `<MsgType>mixed</MsgType><MixedMessage>
      <MsgItem><MsgType>text</MsgType><Text><Content><![CDATA[@机器人 /submit ux-1]]></Content></Text></MsgItem>
      <MsgItem><MsgType>image</MsgType><Image><ImageUrl><![CDATA[https://p.qpic.cn/2]]></ImageUrl></Image></MsgItem>
      <MsgItem><MsgType>text</MsgType><Text><Content>第二段</Content></Text></MsgItem>
    </MixedMessage><MsgId>mx</MsgId>`;
    expect(parseGroupRobotMessage(xml(body), ARRIVED)).toMatchObject({ kind: 'mixed', text: '@机器人 /submit ux-1 第二段', url: 'https://p.qpic.cn/2' });
  });

  it('turns an attachment (button click) into kind "other"', () => {
    const body = '<MsgType>attachment</MsgType><Attachment><CallbackId>cb</CallbackId><Actions><Name>n</Name><Value>v</Value></Actions></Attachment><MsgId>at</MsgId>';
    expect(parseGroupRobotMessage(xml(body), ARRIVED)).toMatchObject({ kind: 'other', msgId: 'at' });
  });

  it.each([
    ['no From', '<xml><MsgType>text</MsgType><Text><Content>x</Content></Text><MsgId>1</MsgId></xml>'],
    ['From without UserId', '<xml><From><Name>n</Name></From><MsgType>text</MsgType><MsgId>1</MsgId></xml>'],
    ['a text without MsgId', xml('<MsgType>text</MsgType><Text><Content>x</Content></Text>')],
    ['an unknown ChatType', xml('<MsgType>text</MsgType><Text><Content>x</Content></Text><MsgId>1</MsgId>', 'room')],
    ['an image without ImageUrl', xml('<MsgType>image</MsgType><Image></Image><MsgId>1</MsgId>')],
    ['a mixed message without items', xml('<MsgType>mixed</MsgType><MsgId>1</MsgId>')],
    ['an event without EventType', xml('<MsgType>event</MsgType><Event></Event><MsgId>1</MsgId>')],
    ['a From given twice', '<xml><From><UserId>a</UserId></From><From><UserId>b</UserId></From><MsgType>text</MsgType><MsgId>1</MsgId></xml>'],
  ])('rejects %s with 400', (_label, plaintext) => {
    expect(rejectionStatus(() => parseGroupRobotMessage(plaintext, ARRIVED))).toBe(400);
  });
});
