import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWeComClient, type WeComClientOptions } from '../../src/bot/wecom-client.js';
import { WeComApiError, WebhookRefused } from '../../src/errors.js';
import { startFakeWeComApi, type FakeWeComApi } from '../../src/fake-wecom/fake-wecom-api.js';

const SECRET = 'app-secret-do-not-log';
let api: FakeWeComApi;
let logs: string[];

beforeEach(async () => {
  api = await startFakeWeComApi({ corpId: 'ww-corp', secret: SECRET });
  logs = [];
});
afterEach(() => api.close());

function client(overrides: Partial<WeComClientOptions> = {}) {
  return createWeComClient({
    apiBase: api.baseUrl,
    corpId: 'ww-corp',
    agentId: '1000002',
    secret: SECRET,
    sleep: async () => {},
    random: () => 0,
    log: (line) => logs.push(line),
    ...overrides,
  });
}

describe('createWeComClient: app messages', () => {
  it('sends text with agentid and members joined by |', async () => {
    const result = await client().sendMessage({ touser: ['zhangsan', 'lisi'], msgtype: 'text', content: '打卡成功' });
    const [send] = api.delivered('message/send');
    expect(send?.query.access_token).toBe('tok-1');
    expect(send?.body).toEqual({ agentid: 1000002, msgtype: 'text', touser: 'zhangsan|lisi', text: { content: '打卡成功' } });
    expect(result).toEqual({ msgids: ['msg-1'], invalidUsers: [], invalidParties: [] });
  });

  it('sends markdown to a party and a textcard', async () => {
    const wecom = client();
    await wecom.sendMessage({ toparty: ['2', '3'], msgtype: 'markdown', content: '**榜单**' });
    await wecom.sendMessage({ touser: ['wangwu'], msgtype: 'textcard', title: '证书', description: '恭喜', url: 'https://x/c/1' });
    expect(api.delivered('message/send').map((c) => c.body)).toEqual([
      { agentid: 1000002, msgtype: 'markdown', toparty: '2|3', markdown: { content: '**榜单**' } },
      { agentid: 1000002, msgtype: 'textcard', touser: 'wangwu', textcard: { title: '证书', description: '恭喜', url: 'https://x/c/1' } },
    ]);
  });

  it('uploads media as multipart field "media" and sends it as image and file', async () => {
    const wecom = client();
    const png = Buffer.alloc(1234, 7);
    const mediaId = await wecom.uploadMedia('image', '证书.png', png);
    expect(mediaId).toMatch(/^media-\d+$/);
    const [upload] = api.delivered('media/upload');
    expect(upload?.query.type).toBe('image');
    expect(upload?.media).toEqual({ filename: '证书.png', size: 1234 });
    await wecom.sendMessage({ touser: ['zhangsan'], msgtype: 'image', mediaId });
    await wecom.sendMessage({ touser: ['zhangsan'], msgtype: 'file', mediaId });
    const bodies = api.delivered('message/send').map((c) => c.body as Record<string, unknown>);
    expect(bodies.map((b) => [b.msgtype, b.image ?? b.file])).toEqual([
      ['image', { media_id: mediaId }],
      ['file', { media_id: mediaId }],
    ]);
  });

  it('refuses a message without recipients before calling WeCom', async () => {
    await expect(client().sendMessage({ touser: [], msgtype: 'text', content: 'x' })).rejects.toThrow(/recipient/);
    expect(api.calls.filter((c) => c.api === 'message/send')).toHaveLength(0);
  });

  it('reports invalid users', async () => {
    await api.close();
    api = await startFakeWeComApi({ users: { zhangsan: { name: '张三' } } });
    const result = await client().sendMessage({ touser: ['zhangsan', 'ghost'], msgtype: 'text', content: 'hi' });
    expect(result.invalidUsers).toEqual(['ghost']);
  });

  it('gets a user', async () => {
    await api.close();
    api = await startFakeWeComApi({ users: { zhangsan: { name: '张三', department: [2, 5] } } });
    expect(await client().getUser('zhangsan')).toEqual({ userid: 'zhangsan', name: '张三', department: [2, 5] });
    await expect(client().getUser('ghost')).rejects.toMatchObject({ name: 'WeComApiError', errcode: 60111 });
  });
});

describe('createWeComClient: long text', () => {
  it('sends 5,000 Chinese characters as 8 texts of at most 2048 bytes that rejoin to the input', async () => {
    const text = '训练营'.repeat(1667).slice(0, 5000);
    await client().sendMessage({ touser: ['zhangsan'], msgtype: 'text', content: text });
    const parts = api.delivered('message/send').map((c) => (c.body as { text: { content: string } }).text.content);
    // 2048 bytes hold 682 three-byte characters: 7 × 682 = 4774, and 226 are left for the 8th.
    expect(parts.map((p) => p.length)).toEqual([682, 682, 682, 682, 682, 682, 682, 226]);
    expect(parts.every((p) => Buffer.byteLength(p) <= 2048)).toBe(true);
    expect(parts.join('')).toBe(text);
  });

  it('is checked by a fake API that refuses text over 2048 bytes', async () => {
    const token = await client().getToken();
    const body = { agentid: 1, touser: 'a', msgtype: 'text', text: { content: 'a'.repeat(2049) } };
    const response = await fetch(`${api.baseUrl}/cgi-bin/message/send?access_token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(await response.json()).toEqual({ errcode: 45002, errmsg: 'content size out of limit' });
  });

  it('splits markdown at 4096 bytes', async () => {
    const text = '榜'.repeat(3000);
    await client().sendMessage({ touser: ['zhangsan'], msgtype: 'markdown', content: text });
    const parts = api.delivered('message/send').map((c) => (c.body as { markdown: { content: string } }).markdown.content);
    expect(parts.map((p) => p.length)).toEqual([1365, 1365, 270]);
  });
});

describe('createWeComClient: tokens', () => {
  it('reuses the cached token', async () => {
    const wecom = client();
    await wecom.sendMessage({ touser: ['a'], msgtype: 'text', content: '1' });
    await wecom.sendMessage({ touser: ['a'], msgtype: 'text', content: '2' });
    expect(api.tokensIssued).toBe(1);
  });

  it('refreshes a token expired mid-run (42001) once and delivers the message', async () => {
    const wecom = client();
    await wecom.sendMessage({ touser: ['a'], msgtype: 'text', content: '1' });
    api.expireTokens();
    await wecom.sendMessage({ touser: ['a'], msgtype: 'text', content: '2' });
    const sends = api.calls.filter((c) => c.api === 'message/send');
    expect(sends.map((c) => [c.query.access_token, c.errcode])).toEqual([
      ['tok-1', 0],
      ['tok-1', 42001],
      ['tok-2', 0],
    ]);
    expect(api.tokensIssued).toBe(2);
  });

  it('refreshes on 40014 too, but only once per call', async () => {
    api.failNext('message/send', { errcode: 40014, times: 2 });
    const error = await client().sendMessage({ touser: ['a'], msgtype: 'text', content: '1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeComApiError);
    expect((error as WeComApiError).errcode).toBe(40014);
    expect(api.tokensIssued).toBe(2);
    expect(api.calls.filter((c) => c.api === 'message/send')).toHaveLength(2);
  });

  it('fetches one token for 50 concurrent sends, and one more when they all find it expired', async () => {
    const wecom = client();
    const sendAll = () =>
      Promise.all(Array.from({ length: 50 }, (_, i) => wecom.sendMessage({ touser: [`u${i}`], msgtype: 'text', content: `${i}` })));
    await sendAll();
    expect(api.tokensIssued).toBe(1);
    api.expireTokens();
    await sendAll();
    expect(api.tokensIssued).toBe(2);
    expect(api.delivered('message/send')).toHaveLength(100);
  });

  it('refreshes 5 minutes before expires_in', async () => {
    let clock = 0;
    const wecom = client({ now: () => clock });
    expect(await wecom.getToken()).toBe('tok-1');
    clock = (7200 - 300) * 1000 - 1;
    expect(await wecom.getToken()).toBe('tok-1');
    clock += 1;
    expect(await wecom.getToken()).toBe('tok-2');
  });

  it('on a wrong secret (40001) throws with the hint, logs one line without secrets, and never asks again', async () => {
    const wecom = client({ secret: 'wrong-secret-123' });
    const first = await wecom.sendMessage({ touser: ['a'], msgtype: 'text', content: '1' }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(WeComApiError);
    expect((first as WeComApiError).errcode).toBe(40001);
    expect((first as WeComApiError).hint).toContain('WECOM_SECRET');
    await expect(wecom.sendMessage({ touser: ['a'], msgtype: 'text', content: '2' })).rejects.toBe(first);
    expect(api.calls.map((c) => c.api)).toEqual(['gettoken']);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('40001');
    expect(logs[0]).toContain('WECOM_SECRET');
    expect(logs[0]).not.toContain('wrong-secret-123');
  });

  it('on a wrong corp id (40013) logs the errmsg once and never asks again', async () => {
    const wecom = client({ corpId: 'ww-typo' });
    await expect(wecom.getToken()).rejects.toMatchObject({ errcode: 40013 });
    await expect(wecom.getToken()).rejects.toMatchObject({ errcode: 40013 });
    expect(api.tokensIssued).toBe(0);
    expect(api.calls).toHaveLength(1);
    expect(logs).toEqual(['wecom: gettoken failed with errcode 40013: invalid corpid']);
  });

  it('on an untrusted IP (60020) throws with the hint after one call and logs no token', async () => {
    api.failNext('message/send', { errcode: 60020, errmsg: 'not allow to access from your ip' });
    const error = await client().sendMessage({ touser: ['a'], msgtype: 'text', content: '1' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'WeComApiError', errcode: 60020 });
    expect((error as WeComApiError).hint).toContain('可信');
    expect(api.calls.filter((c) => c.api === 'message/send')).toHaveLength(1);
    expect(logs).toHaveLength(1);
    expect(logs[0]).not.toContain('tok-1');
  });
});

describe('createWeComClient: group robot webhook', () => {
  it('posts text and markdown with chatid', async () => {
    const wecom = client();
    await wecom.webhookSend(api.webhookUrl('k1'), { chatid: 'wrkChat1', msgtype: 'markdown', content: '**今日榜单**' });
    await wecom.webhookSend(api.webhookUrl('k1'), { msgtype: 'text', content: '早上好', mentionedList: ['zhangsan'] });
    const sends = api.delivered('webhook/send');
    expect(sends.map((c) => [c.query.key, c.body])).toEqual([
      ['k1', { msgtype: 'markdown', chatid: 'wrkChat1', markdown: { content: '**今日榜单**' } }],
      ['k1', { msgtype: 'text', text: { content: '早上好', mentioned_list: ['zhangsan'] } }],
    ]);
  });

  it('posts an image as base64 + md5 and a file through upload_media', async () => {
    const wecom = client();
    await wecom.webhookSend(api.webhookUrl(), { chatid: 'c', msgtype: 'image', data: Buffer.from('png-bytes') });
    const mediaId = await wecom.webhookUploadMedia(api.webhookUrl('k2'), '成绩.csv', Buffer.from('name,score\n'));
    await wecom.webhookSend(api.webhookUrl('k2'), { msgtype: 'file', mediaId });
    const [upload] = api.delivered('webhook/upload_media');
    expect(upload?.query).toEqual({ key: 'k2', type: 'file' });
    expect(upload?.media).toEqual({ filename: '成绩.csv', size: 11 });
    expect(api.delivered('webhook/send').map((c) => (c.body as { msgtype: string }).msgtype)).toEqual(['image', 'file']);
  });

  it('refuses webhooks on another origin and sends nothing', async () => {
    const wecom = client();
    const foreign = [
      'https://evil.example.com/cgi-bin/webhook/send?key=k',
      api.webhookUrl().replace(/:(\d+)\//, (_, port: string) => `:${Number(port) + 1}/`),
      api.webhookUrl().replace('http:', 'https:'),
      'not a url',
    ];
    for (const url of foreign) {
      await expect(wecom.webhookSend(url, { msgtype: 'text', content: '机密成绩' })).rejects.toBeInstanceOf(WebhookRefused);
      await expect(wecom.webhookUploadMedia(url, 'a.csv', Buffer.from('12345'))).rejects.toBeInstanceOf(WebhookRefused);
    }
    expect(api.calls).toHaveLength(0);
  });
});
