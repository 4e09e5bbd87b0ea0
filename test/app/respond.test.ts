import { afterEach, describe, expect, it } from 'vitest';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { chatsOfCamp, saveCamp } from '../../src/db/camp-store.js';
import { importRoster } from '../../src/db/roster-store.js';
import { CAMP_ID, CHAT_ID, ROSTER, startCampFixture, type CampFixture } from '../support/camp-fixture.js';

let f: CampFixture;
afterEach(() => f.close());

const WELCOME = '你好，我是训练营助手 👋 发送 /帮助 查看可用命令，/我的 查看你的得分与排名。';

async function addCamp(id: string, starts: string, ends: string, userids: string[]): Promise<void> {
  await saveCamp(f.store, parseCampFile(`id: ${id}\nname: 第二营\nstarts: ${starts}\nends: ${ends}\ntrainers: [zhang]\n`), Date.now());
  await importRoster(f.store, id, ROSTER.filter((row) => userids.includes(row.userid)));
}

describe('app events and webhooks', () => {
  it('welcomes enter_agent and subscribe, pointing at /help', async () => {
    f = await startCampFixture();
    expect((await f.send('app', { from: 'ming', kind: 'event', event: 'enter_agent' })).reply).toBe(WELCOME);
    expect((await f.send('app', { from: 'ming', kind: 'event', event: 'subscribe' })).reply).toBe(WELCOME);
    expect((await f.send('app', { from: 'ming', kind: 'event', event: 'unsubscribe' })).reply).toBeNull();
    expect(await f.events()).toEqual([]);
  });

  it('remembers the group robot webhook of a bound chat', async () => {
    f = await startCampFixture();
    const webhookUrl = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=LEARNED';
    await f.send('group-robot', { from: 'ming', text: '@训练营助手 /rank', chatId: CHAT_ID, webhookUrl });
    expect(await chatsOfCamp(f.store, CAMP_ID)).toEqual([{ chatId: CHAT_ID, webhookUrl }]);
  });

  it('hints at /help for plain 1:1 text', async () => {
    f = await startCampFixture();
    expect(await f.app('ming', '你好')).toBe('我只认识命令哦：发送 /帮助 查看可用命令');
    expect(await f.events()).toEqual([]);
  });
});

describe('camp resolution', () => {
  it('asks which camp when a 1:1 user is in several running camps; a trailing camp id selects one', async () => {
    f = await startCampFixture();
    await addCamp('second', '2020-01-01', '2099-12-31', ['ming']);
    expect(await f.app('ming', '/rank')).toBe('你在多个训练营：ai-test、second。请在命令末尾加上训练营 id，例如 /排行 ai-test');
    expect(await f.app('ming', '/rank second')).toBe('综合分排行（前 1 / 1 人）\n1. 小明（A） 0.00 ← 你');
    expect(await f.app('ming', '/rank 3 ai-test')).toContain('综合分排行（前 3 / 5 人）');
  });

  it('picks the one camp running today, and in groups always the bound camp', async () => {
    f = await startCampFixture();
    await addCamp('old', '2020-01-01', '2020-02-01', ['ming']);
    expect(await f.app('ming', '/rank 1')).toContain('综合分排行（前 1 / 5 人）');
    expect(await f.group('ming', '/rank 1')).toContain('综合分排行（前 1 / 5 人）');
  });

  it('lets only /help and /camp bind work in an unbound group', async () => {
    f = await startCampFixture();
    const send = (text: string) => f.send('ai-bot', { from: 'zhang', text, chatId: 'wrUnbound' }).then((r) => r.reply);
    expect(await send('/score exam @小明 80')).toBe('本群还没有绑定训练营，目前只能用 /帮助 和 /绑定 ＜训练营id＞（培训老师）');
    const help = await send('/help');
    expect(help).toContain('本群还没有绑定训练营');
    expect(help).toContain('/camp bind（/绑定）');
    expect(help).not.toContain('/score');
    expect(await f.events()).toEqual([]);
  });
});

describe('naming users', () => {
  it('answers an ambiguous display name with the candidates and changes nothing', async () => {
    const twins = [
      { userid: 'wang1', name: '小王', department: null, team: 'A', role: 'learner' as const, joined: null },
      { userid: 'wang2', name: '小王', department: null, team: 'B', role: 'learner' as const, joined: null },
    ];
    f = await startCampFixture({ roster: [...ROSTER, ...twins] });
    expect(await f.app('zhang', '/score exam @小王 80')).toBe(
      '「小王」有 2 人：小王(wang1)、小王(wang2)，请改用 userid。用法：/score exam[:名称] @学员 <0-100> [原因] | /score project|practice|participation @学员 +n [原因]',
    );
    expect(await f.group('zhang', '/score exam @小 80')).toMatch(/^本营学员中没有「小」，你是不是指：小刚\(gang\)、小红\(hong\)、/);
    expect(await f.events()).toEqual([]);
    expect((await f.delta(() => f.group('zhang', '/score exam wang2 80'))).added).toMatchObject([{ userid: 'wang2', num: 80 }]);
  });
});
