import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/bot/inbound-message.js';
import { type ChannelKeys, encodePassiveReply, newReplyStamp } from '../../src/bot/passive-reply.js';
import { openPassiveReply } from '../../src/fake-wecom/fake-wecom-callbacks.js';
import { OFFICIAL } from './official-vectors.js';
import { md } from '../../src/bot/markdown.js';

const APP_KEYS: ChannelKeys = { token: OFFICIAL.token, encodingAesKey: OFFICIAL.encodingAesKey, receiveId: OFFICIAL.corpId };
const BOT_KEYS: ChannelKeys = { token: 'botToken', encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', receiveId: '' };
const STAMP = { timestamp: '1700000000', nonce: '42' };

function message(channel: InboundMessage['channel']): InboundMessage {
  return {
    channel,
    msgId: 'm1',
    from: { userid: 'zhangsan' },
    chatId: channel === 'app' ? null : 'chat-1',
    chatType: channel === 'app' ? 'single' : 'group',
    kind: 'text',
    text: '/help',
    createdAt: 1_700_000_000_000,
    receivedAt: 1_700_000_001_500,
  };
}

describe('encodePassiveReply', () => {
  it('answers the app with an encrypted XML text addressed back to the sender from the CorpID', () => {
    const encoded = encodePassiveReply({ text: '可用命令 <help> & "更多"]]>', markdown: md`**x**` }, message('app'), APP_KEYS, STAMP);
    expect(encoded.contentType).toContain('xml');
    const opened = openPassiveReply('app', APP_KEYS, encoded.body);
    expect(opened).toMatchObject({ timestamp: '1700000000', nonce: '42' });
    expect({ ...opened.parsed }).toEqual({
      ToUserName: 'zhangsan',
      FromUserName: OFFICIAL.corpId,
      CreateTime: '1700000001',
      MsgType: 'text',
      Content: '可用命令 <help> & "更多"]]>',
    });
  });

  it('answers the group robot with encrypted markdown (falling back to text), receiveid ""', () => {
    const withMarkdown = openPassiveReply('group-robot', BOT_KEYS, encodePassiveReply({ text: 't', markdown: md`**榜单**` }, message('group-robot'), BOT_KEYS, STAMP).body);
    expect(withMarkdown.plaintext).toBe('<xml><MsgType>markdown</MsgType><Markdown><Content>**榜单**</Content></Markdown></xml>');
    const textOnly = openPassiveReply('group-robot', BOT_KEYS, encodePassiveReply({ text: 'a<b' }, message('group-robot'), BOT_KEYS, STAMP).body);
    expect(textOnly.plaintext).toBe('<xml><MsgType>markdown</MsgType><Markdown><Content>a＜b</Content></Markdown></xml>');
  });

  it('answers the AI bot with an encrypted JSON envelope holding a finished stream', () => {
    const encoded = encodePassiveReply({ text: 't', markdown: md`# 排行` }, message('ai-bot'), BOT_KEYS, STAMP);
    expect(encoded.contentType).toContain('json');
    expect(Object.keys(JSON.parse(encoded.body))).toEqual(['encrypt', 'msgsignature', 'timestamp', 'nonce']);
    const opened = openPassiveReply('ai-bot', BOT_KEYS, encoded.body);
    const parsed = opened.parsed as { msgtype: string; stream: { id: string; finish: boolean; content: string } };
    expect(parsed.msgtype).toBe('stream');
    expect(parsed.stream).toMatchObject({ finish: true, content: '# 排行' });
    expect(parsed.stream.id).toMatch(/^[0-9a-f]{24}$/);
  });

  it('strips characters XML cannot carry instead of failing', () => {
    const encoded = encodePassiveReply({ text: 'a\u0000b\u0007c\uFFFEd' }, message('app'), APP_KEYS, STAMP);
    expect(openPassiveReply('app', APP_KEYS, encoded.body).parsed.Content).toBe('abcd');
  });

  it('a reply signed with another token does not verify', () => {
    const encoded = encodePassiveReply({ text: 'x' }, message('app'), { ...APP_KEYS, token: 'other' }, STAMP);
    expect(() => openPassiveReply('app', APP_KEYS, encoded.body)).toThrow(/signature/);
  });
});

describe('newReplyStamp', () => {
  it('uses whole seconds of the given time and a numeric nonce', () => {
    const stamp = newReplyStamp(1_700_000_000_999);
    expect(stamp.timestamp).toBe('1700000000');
    expect(stamp.nonce).toMatch(/^\d+$/);
  });
});
