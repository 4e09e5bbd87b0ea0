import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { verifyChain } from '../../src/db/ledger.js';
import { listEvents } from '../../src/db/list-events.js';
import { captureIo } from '../support/capture-io.js';
import { gbkBytes } from '../support/gbk-bytes.js';
import { sharedTestDb, type SharedTestDb } from '../support/shared-test-db.js';

const CAMP = `
id: c1
name: 导入营
timezone: Asia/Shanghai
starts: 2026-11-02
ends: 2026-12-04
lessons: 4
chats: [room1]
trainers: [teacher]
metrics:
  completion: { weight: 50 }
  exam: { weight: 50 }
  participation: { weight: 0, target: 30, minChars: 5, cooldownSeconds: 60, dailyCap: 2 }
`;
const ROSTER = 'userid,name,team\na,甲,X\nb,乙,X\nc,丙,Y\n';
const GOOD = [
  'type,userid,value,at,ref,actor,note',
  'lesson,a,1,2026-11-10T10:00+08:00,,,',
  'lesson,a,2,2026-11-10 11:00,,,',
  'session,,,2026-11-10T12:00:00Z,第1次课,,',
  'checkin,b,,2026-11-10T09:00+08:00,第1次课,,',
  'exam,c,88.5,2026-11-10T10:00+08:00,,teacher,',
  'project,b,-2,2026-11-10T10:00+08:00,,,扣分',
  'assignment,,user-research,2026-11-10T10:00+08:00,h1,teacher,用户访谈',
  'submission,a,https://example.com/a,2026-11-11T10:00+08:00,h1,,',
  'grade,a,80,2026-11-12T10:00+08:00,h1,teacher,不错',
  'review,a,60,2026-11-12T10:00+08:00,h1,b,',
  '',
].join('\n');

describe('camp-bot events import', () => {
  let temp: SharedTestDb;
  const path = (name: string): string => join(temp.dir, name);
  const events = async () => listEvents(await temp.open());
  const count = async (): Promise<number> => {
    const store = await temp.open();
    expect((await verifyChain(store)).ok).toBe(true);
    return (await listEvents(store)).length;
  };
  beforeEach(async () => {
    temp = await sharedTestDb();
    writeFileSync(path('camp.yaml'), CAMP);
    writeFileSync(path('roster.csv'), ROSTER);
    expect(await main(['camp', 'apply', path('camp.yaml')], captureIo())).toBe(0);
    expect(await main(['roster', 'import', 'c1', path('roster.csv')], captureIo())).toBe(0);
  });
  afterEach(() => temp.cleanup());

  it('records a good file once, with the ledger columns of each type', async () => {
    writeFileSync(path('events.csv'), GOOD);
    const io = captureIo();
    expect(await main(['events', 'import', 'c1', path('events.csv')], io)).toBe(0);
    expect(io.stdout).toEqual(['已导入 c1：新记录 10 条，已存在 0 条']);
    const rows = await events();
    expect(rows[1]).toMatchObject({ type: 'lesson', num: 2, happenedAt: Date.parse('2026-11-10T03:00:00Z'), actor: 'import', source: 'import' });
    expect(rows[4]).toMatchObject({ type: 'exam', userid: 'c', num: 88.5, ref: 'final', actor: 'teacher' });
    expect(rows[5]).toMatchObject({ type: 'project', num: -2, note: '扣分' });
    expect(rows[6]).toMatchObject({ type: 'assignment', userid: null, text: 'user-research', ref: 'h1', note: '用户访谈' });
    expect(rows[7]).toMatchObject({ type: 'submission', text: 'https://example.com/a', ref: 'h1' });
    expect(rows[8]).toMatchObject({ type: 'grade', num: 80, text: '不错', actor: 'teacher' });
    expect(rows[9]).toMatchObject({ type: 'review', userid: 'a', num: 60, actor: 'b' });

    const again = captureIo();
    expect(await main(['events', 'import', 'c1', path('events.csv')], again)).toBe(0);
    expect(again.stdout).toEqual(['已导入 c1：新记录 0 条，已存在 10 条']);
    expect(await count()).toBe(10);
  });

  const importFile = async (campId: string, name: string, content: string | Buffer): Promise<string> => {
    writeFileSync(path(name), content);
    const io = captureIo();
    expect(await main(['events', 'import', campId, path(name)], io)).toBe(0);
    return io.stdout[0]!;
  };

  it('reads an events file saved by Excel on Chinese Windows (GBK): refs, notes and comments as written', async () => {
    expect(await importFile('c1', 'events.csv', gbkBytes(GOOD))).toBe('已导入 c1：新记录 10 条，已存在 0 条');
    const rows = await events();
    expect(rows[3]).toMatchObject({ type: 'checkin', ref: '第1次课' });
    expect(rows[5]).toMatchObject({ type: 'project', note: '扣分' });
    expect(rows[6]).toMatchObject({ type: 'assignment', note: '用户访谈' });
    expect(rows[8]).toMatchObject({ type: 'grade', text: '不错' });
  });

  it('keys rows by camp: the same file imported into another camp records there too', async () => {
    writeFileSync(path('camp2.yaml'), CAMP.replace('id: c1', 'id: c2'));
    expect(await main(['camp', 'apply', path('camp2.yaml')], captureIo())).toBe(0);
    expect(await main(['roster', 'import', 'c2', path('roster.csv')], captureIo())).toBe(0);
    expect(await importFile('c1', 'events.csv', GOOD)).toBe('已导入 c1：新记录 10 条，已存在 0 条');
    expect(await importFile('c2', 'events.csv', GOOD)).toBe('已导入 c2：新记录 10 条，已存在 0 条');
    expect(await importFile('c2', 'events.csv', GOOD)).toBe('已导入 c2：新记录 0 条，已存在 10 条');
    expect(await count()).toBe(20);
  });

  it('keys rows by content: a re-export with a row inserted in the middle records only that row', async () => {
    await importFile('c1', 'events.csv', GOOD);
    const lines = GOOD.split('\n');
    lines.splice(4, 0, 'exam,b,70,2026-11-10T10:00+08:00,,teacher,');
    // A re-export may also write the same values differently: 88.50 for 88.5, an ISO time for a local one.
    const reexport = lines.join('\n').replace(',88.5,', ',88.50,').replace('2026-11-10 11:00', '2026-11-10T03:00:00Z');
    expect(await importFile('c1', 'reexport.csv', reexport)).toBe('已导入 c1：新记录 1 条，已存在 10 条');
    expect(await count()).toBe(11);
  });

  it('records identical rows as often as they occur in the file, and each once', async () => {
    const row = 'practice,a,1,2026-11-10T10:00+08:00,,teacher,分享案例';
    const header = 'type,userid,value,at,ref,actor,note';
    expect(await importFile('c1', 'twice.csv', [header, row, row].join('\n'))).toBe('已导入 c1：新记录 2 条，已存在 0 条');
    expect(await importFile('c1', 'twice.csv', [header, row, row].join('\n'))).toBe('已导入 c1：新记录 0 条，已存在 2 条');
    expect(await importFile('c1', 'thrice.csv', [header, row, row, row].join('\n'))).toBe('已导入 c1：新记录 1 条，已存在 2 条');
    expect(await count()).toBe(3);
  });

  it('knows an assignment created further down the file', async () => {
    const rows = ['type,userid,value,at,ref,actor,note', 'submission,a,https://example.com/a,2026-11-11T10:00+08:00,h2,,', 'assignment,,,2026-11-10T10:00+08:00,h2,teacher,'];
    expect(await importFile('c1', 'later.csv', rows.join('\n'))).toBe('已导入 c1：新记录 2 条，已存在 0 条');
  });

  it('rejects a file with bad rows whole, naming every bad line', async () => {
    writeFileSync(path('bad.csv'), [
      'type,userid,value,at,ref,actor,note',
      'lesson,a,1,2026-11-10T10:00+08:00,,,',
      'homework,a,1,2026-11-10T10:00+08:00,,,',
      'exam,zz,80,2026-11-10T10:00+08:00,,,',
      'exam,a,101,2026-11-10T10:00+08:00,,,',
      'lesson,a,1,2099-01-01T00:00+08:00,,,',
      'lesson,a,1,yesterday,,,',
      'checkin,a,,2026-11-10T10:00+08:00,,,',
      'review,a,70,2026-11-10T10:00+08:00,h9,a,',
      'grade,a,70,2026-11-10T10:00+08:00,nope,teacher,',
      'lesson,a,5,2026-11-10T10:00+08:00,,,',
      'project,b,3,2026-11-10T10:00+08:00,,,',
    ].join('\n'));
    const io = captureIo();
    expect(await main(['events', 'import', 'c1', path('bad.csv')], io)).toBe(1);
    const printed = io.stderr.join('\n');
    expect(io.stderr[0]).toContain('有 9 行错误，未导入任何内容');
    for (const line of [3, 4, 5, 6, 7, 8, 9, 10, 11]) expect(printed).toContain(`line ${line}:`);
    for (const line of [2, 12]) expect(printed).not.toContain(`line ${line}:`);
    expect(await count()).toBe(0);
  });

  it('counts chat-archive messages by the participation rule, once per msgid', async () => {
    const t = Date.parse('2026-11-10T02:00:00Z');
    const message = (msgid: string, from: string, offsetS: number, content: string, roomid = 'room1'): string =>
      JSON.stringify({ msgid, action: 'send', from, roomid, msgtime: t + offsetS * 1000, msgtype: 'text', text: { content } });
    writeFileSync(path('chat.jsonl'), [
      message('m1', 'a', 0, '今天的课很有收获'),
      message('m2', 'a', 30, '冷却时间内的发言'),
      message('m3', 'a', 90, '第二条有效发言'),
      message('m4', 'a', 200, '超过每日上限了'),
      message('m5', 'b', 0, '@甲 好的'),
      message('m6', 'b', 10, '/rank 看看排行榜'),
      message('m7', 'b', 20, '在别的群说的很长的话', 'room2'),
      message('m8', 'teacher', 0, '老师的发言不计分'),
      JSON.stringify({ msgid: 'm9', action: 'recall' }),
      message('m10', 'c', 0, '跨天之前的发言呀'),
      message('m11', 'c', 16 * 3600, '第二天的新发言呀'),
    ].join('\n'));
    const io = captureIo();
    expect(await main(['events', 'import', 'c1', path('chat.jsonl')], io)).toBe(0);
    expect(io.stdout[0]).toContain('新记录 4 条，已存在 0 条，6 条不计');
    const again = captureIo();
    expect(await main(['events', 'import', 'c1', path('chat.jsonl')], again)).toBe(0);
    expect(again.stdout[0]).toContain('新记录 0 条，已存在 4 条');
  });

  it('counts an archive against the messages already counted in the ledger', async () => {
    const t = Date.parse('2026-11-10T02:00:00Z');
    const message = (msgid: string, offsetS: number): string =>
      JSON.stringify({ msgid, action: 'send', from: 'a', roomid: 'room1', msgtime: t + offsetS * 1000, msgtype: 'text', text: { content: '今天的课很有收获' } });
    expect(await importFile('c1', 'first.jsonl', message('m1', 0))).toContain('新记录 1 条');
    // m2 is within m1's cooldown; m3 counts; m4 is past the daily cap of 2 (m1 and m3).
    expect(await importFile('c1', 'second.jsonl', [message('m2', 30), message('m3', 90), message('m4', 200)].join('\n')))
      .toBe('已导入 c1：新记录 1 条，已存在 0 条，2 条不计（非本营学员、未绑定群聊或不满足参与规则）');
  });

  it('refuses a chat archive that is not UTF-8, naming its encoding', async () => {
    const line = JSON.stringify({ msgid: 'm1', action: 'send', from: 'a', roomid: 'room1', msgtime: 1, msgtype: 'text', text: { content: '今天的课很有收获' } });
    writeFileSync(path('chat.jsonl'), gbkBytes(line));
    const io = captureIo();
    expect(await main(['events', 'import', 'c1', path('chat.jsonl')], io)).toBe(1);
    expect(io.stderr).toEqual(['camp-bot: 文件是 GB18030/GBK 编码，聊天存档须为 UTF-8；未导入任何内容']);
    expect(await count()).toBe(0);
  });

  it('rejects a chat archive with a bad line', async () => {
    writeFileSync(path('chat.jsonl'), '{"msgid":"m1","from":"a","roomid":"room1","msgtime":1,"msgtype":"text","text":{"content":"hello world"}}\nnot json\n');
    const io = captureIo();
    expect(await main(['events', 'import', 'c1', path('chat.jsonl')], io)).toBe(1);
    expect(io.stderr.join('\n')).toContain('line 2: 不是有效的 JSON');
    expect(await count()).toBe(0);
  });
});
