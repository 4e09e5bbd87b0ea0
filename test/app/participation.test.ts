import { afterEach, describe, expect, it } from 'vitest';
import { zonedTimeToUtcMs, localDateOf } from '../../src/camp/time-zone.js';
import { listEvents } from '../../src/db/list-events.js';
import { buildCallback, postCallback } from '../../src/fake-wecom/fake-wecom-callbacks.js';
import { BOT_KEYS, CHAT_ID, sampleCampYaml, startCampFixture, type CampFixture } from '../support/camp-fixture.js';

let f: CampFixture;
afterEach(() => f.close());

const DAY = 86_400_000;

describe('participation from group chat', () => {
  it('counts a learner\'s message once, quietly, keyed by its MsgId', async () => {
    f = await startCampFixture();
    const chat = await f.delta(() => f.send('group-robot', { from: 'ming', text: '@训练营助手 我觉得这个提示词方法很好用', chatId: CHAT_ID, msgId: 'm-1' }));
    expect(chat.result).toEqual({ status: 200, reply: null });
    expect(chat.added).toMatchObject([{ type: 'participation', userid: 'ming', num: 1, source: 'chat', actor: 'ming' }]);
    expect((await listEvents(f.store)).map((e) => e.dedupeKey)).toEqual(['participation:m-1']);
  });

  it('does not count a 3-character message, trainers, commands, or an unbound chat', async () => {
    f = await startCampFixture();
    expect((await f.delta(() => f.group('ming', '好的啊'))).added).toEqual([]);
    expect((await f.delta(() => f.group('ming', '好　的 啊 ！'))).added).toHaveLength(0);
    expect((await f.delta(() => f.group('zhang', '大家今天的讨论都很精彩'))).added).toEqual([]);
    const elsewhere = f.send('group-robot', { from: 'ming', text: '@训练营助手 这个群还没绑定训练营', chatId: 'wrOther' });
    expect((await f.delta(() => elsewhere)).added).toEqual([]);
    expect((await f.delta(() => f.group('ming', '五个字以上的话'))).added).toHaveLength(1);
  });

  it('counts 40 quick messages only as the cooldown and the daily cap (in the camp time zone) allow', async () => {
    const rule = [
      'metrics:',
      '  completion: { weight: 50 }',
      '  exam: { weight: 50 }',
      '  participation: { weight: 0, target: 30, minChars: 5, cooldownSeconds: 60, dailyCap: 5 }',
    ].join('\n');
    f = await startCampFixture({ campYaml: sampleCampYaml(Date.now(), rule) });
    // 40 messages 30 s apart from 23:45 Shanghai time three days ago, running past midnight.
    const day = localDateOf(Date.now() - 3 * DAY, 'Asia/Shanghai');
    const start = zonedTimeToUtcMs(`${day}T23:45`, 'Asia/Shanghai');
    for (let k = 0; k < 40; k += 1) {
      const at = start + k * 30_000;
      await f.send('group-robot', { from: 'hong', text: `@训练营助手 这是第${k}条讨论消息`, chatId: CHAT_ID, createTime: at / 1000 });
    }
    // Day 1: 23:45, 23:46, 23:47, 23:48, 23:49 (cap 5). Day 2: 00:00, 00:01, 00:02, 00:03, 00:04.
    const counted = (await f.events()).map((e) => (e.happenedAt - start) / 30_000);
    expect(counted).toEqual([0, 2, 4, 6, 8, 30, 32, 34, 36, 38]);
  });
});

describe('idempotency', () => {
  it('changes the ledger once when WeCom delivers the same message three times', async () => {
    f = await startCampFixture();
    const message = { from: 'zhang', text: '@训练营助手 /score exam @小明 88', chatId: CHAT_ID, msgId: 'retry-1' };
    const replies: (string | null)[] = [];
    for (let i = 0; i < 3; i += 1) replies.push((await f.send('group-robot', message)).reply);
    expect(await f.events()).toHaveLength(1);
    expect(new Set(replies)).toEqual(new Set([`已记录 #${(await f.events())[0]!.id}：小明 考试「final」88 分`]));
  });

  it('changes the ledger once when the retries arrive at the same time', async () => {
    f = await startCampFixture();
    const message = { from: 'ming', text: '@训练营助手 今天学会了写结构化提示词', chatId: CHAT_ID, msgId: 'retry-2' };
    const callbacks = [0, 1, 2].map(() => buildCallback('group-robot', BOT_KEYS, message));
    const statuses = await Promise.all(callbacks.map((callback) => postCallback(f.baseUrl, callback)));
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 200]);
    expect(await f.events()).toHaveLength(1);
  });
});
