import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { campIdForChat, chatsOfCamp, loadCamp } from '../../src/db/camp-store.js';
import { CAMP_ID, startCampFixture, type CampFixture } from '../support/camp-fixture.js';

let f: CampFixture;
beforeEach(async () => {
  f = await startCampFixture();
});
afterEach(() => f.close());

const FOR_TRAINERS = '仅限培训老师使用，本次未做任何更改';

describe('/session', () => {
  it('opens and closes a session, each answered with its event id', async () => {
    const opened = await f.delta(() => f.group('zhang', '/session open 第1课'));
    expect(opened.added).toMatchObject([{ type: 'session_open', ref: '第1课', actor: 'zhang', source: 'command' }]);
    expect(opened.result).toContain(`#${opened.added[0]!.id}`);
    await f.group('ming', '/签到');
    const closed = await f.delta(() => f.app('zhang', '/课次 结束'));
    expect(closed.added).toMatchObject([{ type: 'session', ref: '第1课', actor: 'zhang' }]);
    expect(closed.result).toBe(`课次「第1课」已结束，共 1 人签到，已记录 #${closed.added[0]!.id}`);
  });

  it('refuses a second open session, a closing without one, and learners', async () => {
    await f.group('zhang', '/session open 第1课');
    const twice = await f.delta(() => f.group('zhang', '/session open 第2课'));
    expect(twice.added).toEqual([]);
    expect(twice.result).toMatch(/^课次「第1课」还在进行中.*用法：\/session open/);
    await f.group('zhang', '/session close');
    expect((await f.delta(() => f.group('zhang', '/session close'))).added).toEqual([]);
    const learner = await f.delta(() => f.group('ming', '/session open 第2课'));
    expect(learner).toEqual({ result: `/session（/课次）${FOR_TRAINERS}`, added: [] });
  });
});

describe('/lesson', () => {
  it('marks named learners, and `all` as everyone checked in to the open session', async () => {
    const named = await f.delta(() => f.group('zhang', '/lesson @小明 hong 1'));
    expect(named.added).toMatchObject([
      { type: 'lesson', userid: 'ming', num: 1, actor: 'zhang' },
      { type: 'lesson', userid: 'hong', num: 1, actor: 'zhang' },
    ]);
    expect(named.result).toBe(`第 1 课完成，已记录：小明 #${named.added[0]!.id}、小红 #${named.added[1]!.id}`);
    await f.group('zhang', '/session open 第2课');
    await f.group('gang', '/checkin');
    await f.group('li', '/checkin');
    const all = await f.delta(() => f.group('zhang', '/进度 all 2'));
    expect(all.added.map((e) => [e.type, e.userid, e.num])).toEqual([['lesson', 'gang', 2], ['lesson', 'li', 2]]);
  });

  it('does not record twice, and refuses a lesson out of range, an unknown learner and learners', async () => {
    await f.group('zhang', '/lesson @小明 1');
    const again = await f.delta(() => f.group('zhang', '/lesson @小明 1'));
    expect(again).toEqual({ result: '第 1 课：没有新记录；已有记录（未重复）：小明', added: [] });
    const range = await f.delta(() => f.group('zhang', '/lesson @小明 5'));
    expect(range.added).toEqual([]);
    expect(range.result).toContain('课程编号须为 1–4 的整数');
    const unknown = await f.delta(() => f.group('zhang', '/lesson @小明 @小强 2'));
    expect(unknown.added).toEqual([]);
    expect(unknown.result).toMatch(/^本营学员中没有「小强」/);
    expect((await f.delta(() => f.group('ming', '/lesson @小明 2'))).added).toEqual([]);
  });
});

describe('/score', () => {
  it('records exam scores with a name and reason, and signed points', async () => {
    const exam = await f.delta(() => f.group('zhang', '/记分 exam:期中 @小明 88 补考成绩'));
    expect(exam.added).toMatchObject([{ type: 'exam', userid: 'ming', num: 88, ref: '期中', note: '补考成绩', actor: 'zhang' }]);
    expect(exam.result).toBe(`已记录 #${exam.added[0]!.id}：小明 考试「期中」88 分`);
    const final = await f.delta(() => f.app('zhang', '/score exam hong 75'));
    expect(final.added).toMatchObject([{ type: 'exam', userid: 'hong', num: 75, ref: 'final', note: null }]);
    const points = await f.delta(() => f.aiBot('zhang', '/score project @小刚 +5 需求分析'));
    expect(points.added).toMatchObject([{ type: 'project', userid: 'gang', num: 5, note: '需求分析' }]);
    const minus = await f.delta(() => f.group('zhang', '/score participation @小丽 -2'));
    expect(minus.added).toMatchObject([{ type: 'participation', userid: 'li', num: -2 }]);
  });

  it('refuses exam 101, unknown metrics, non-learners and learners', async () => {
    for (const text of ['/score exam @小明 101', '/score attendance @小明 5', '/score exam @王经理 80', '/score project @小明 五']) {
      const misuse = await f.delta(() => f.group('zhang', text));
      expect(misuse.added).toEqual([]);
      expect(misuse.result).toContain('用法：/score');
    }
    expect(await f.group('ming', '/score exam @小明 100')).toBe(`/score（/记分）${FOR_TRAINERS}`);
    expect(await f.events()).toEqual([]);
  });
});

describe('/assign and /grade', () => {
  it('creates tagged assignments and grades a submission by id or by assignment and author', async () => {
    const assigned = await f.delta(() => f.group('zhang', '/布置 a1 user-research 用户访谈报告'));
    expect(assigned.added).toMatchObject([{ type: 'assignment', ref: 'a1', text: 'user-research', note: '用户访谈报告' }]);
    const untagged = await f.delta(() => f.group('zhang', '/assign a2 需求 文档'));
    expect(untagged.added).toMatchObject([{ type: 'assignment', ref: 'a2', text: null, note: '需求 文档' }]);
    const submitted = await f.delta(() => f.app('ming', '/submit a1 https://docs.qq.com/doc/1'));
    const id = submitted.added[0]!.id;
    const graded = await f.delta(() => f.group('zhang', `/grade #${id} 90 结构清晰`));
    expect(graded.added).toMatchObject([{ type: 'grade', userid: 'ming', num: 90, ref: 'a1', text: '结构清晰', actor: 'zhang' }]);
    expect(graded.result).toBe(`已记录 #${graded.added[0]!.id}：提交 #${id}（小明，作业「a1」）批改 90 分`);
    const byAuthor = await f.delta(() => f.group('zhang', '/批改 a1 @小明 95'));
    expect(byAuthor.added).toMatchObject([{ type: 'grade', userid: 'ming', num: 95, ref: 'a1' }]);
  });

  it('refuses duplicate assignments, bad grades, unknown submissions and learners', async () => {
    await f.group('zhang', '/assign a1');
    const submission = (await f.delta(() => f.app('ming', '/submit a1 我的答案是……'))).added[0]!;
    for (const text of ['/assign a1', `/grade #${submission.id} 120`, '/grade #999 80', '/grade a1 @小红 80', '/grade a9 @小明 80']) {
      const misuse = await f.delta(() => f.group('zhang', text));
      expect(misuse.added).toEqual([]);
      expect(misuse.result).toContain('用法：/');
    }
    expect((await f.delta(() => f.group('hong', `/grade #${submission.id} 60`))).result).toBe(`/grade（/批改）${FOR_TRAINERS}`);
    expect((await f.events()).map((e) => e.type)).toEqual(['assignment', 'submission']);
  });
});

describe('/case', () => {
  it('lets managers and trainers record +1 practice with the description', async () => {
    const managed = await f.delta(() => f.app('wang', '/案例 @小明 用提示词模板把周报时间从 2 小时降到 20 分钟'));
    expect(managed.added).toMatchObject([
      { type: 'practice', userid: 'ming', num: 1, actor: 'wang', note: '用提示词模板把周报时间从 2 小时降到 20 分钟' },
    ]);
    expect(managed.result).toBe(`已记录 #${managed.added[0]!.id}：小明 实践案例 +1`);
    expect((await f.delta(() => f.group('zhang', '/case hong 客服话术优化'))).added).toHaveLength(1);
  });

  it('refuses a case without a description, and learners', async () => {
    expect((await f.delta(() => f.app('wang', '/case @小明'))).added).toEqual([]);
    expect(await f.app('hong', '/case @小明 很好')).toBe('/case（/案例）仅限部门负责人、培训老师使用，本次未做任何更改');
    expect(await f.events()).toEqual([]);
  });
});

describe('/undo', () => {
  it('adds a revoke event naming the revoked event and the reason', async () => {
    const exam = (await f.delta(() => f.group('zhang', '/score exam @小明 80'))).added[0]!;
    const undone = await f.delta(() => f.group('zhang', `/撤销 #${exam.id} 录错了`));
    expect(undone.added).toMatchObject([{ type: 'revoke', revokes: exam.id, text: '录错了', actor: 'zhang' }]);
    expect(undone.result).toBe(`已撤销 #${exam.id}，已记录 #${undone.added[0]!.id}`);
  });

  it('refuses a missing reason, an unknown event, a revoke, an already revoked event and learners', async () => {
    const exam = (await f.delta(() => f.group('zhang', '/score exam @小明 80'))).added[0]!;
    const revoke = (await f.delta(() => f.group('zhang', `/undo ${exam.id} 录错了`))).added[0]!;
    for (const text of [`/undo #${exam.id}`, '/undo #999 错', `/undo #${revoke.id} 反悔`, `/undo #${exam.id} 再撤`]) {
      const misuse = await f.delta(() => f.group('zhang', text));
      expect(misuse.added).toEqual([]);
      expect(misuse.result).toContain('用法：/undo');
    }
    expect(await f.group('ming', `/undo #${exam.id} 不服`)).toBe(`/undo（/撤销）${FOR_TRAINERS}`);
    expect(await f.events()).toHaveLength(2);
  });
});

describe('/weights', () => {
  it('records a weights event and updates the stored camp config', async () => {
    const changed = await f.delta(() => f.group('zhang', '/权重 exam=25 project=20'));
    const weights = { completion: 20, attendance: 0, exam: 25, assignment: 25, project: 20, practice: 10, participation: 0 };
    expect(changed.added).toMatchObject([{ type: 'weights', actor: 'zhang' }]);
    expect(JSON.parse(changed.added[0]!.text!)).toEqual(weights);
    expect((await loadCamp(f.store, CAMP_ID))?.metrics.exam.weight).toBe(25);
    expect(changed.result).toContain(`#${changed.added[0]!.id}`);
    expect(await f.app('ming', '/规则')).toContain('权重：完课 20、考试 25、作业 25、项目 20、实践 10');
  });

  it('refuses sums other than 100, unknown metrics and learners, changing nothing', async () => {
    const sum = await f.delta(() => f.group('zhang', '/weights exam=40'));
    expect(sum).toEqual({ result: expect.stringMatching(/^调整后权重合计为 110，须为 100/), added: [] });
    expect((await f.delta(() => f.group('zhang', '/weights speed=10'))).added).toEqual([]);
    expect(await f.group('ming', '/weights exam=30')).toBe(`/weights（/权重）${FOR_TRAINERS}`);
    expect((await loadCamp(f.store, CAMP_ID))?.metrics.exam.weight).toBe(30);
  });
});

describe('/camp bind', () => {
  it('binds an unbound group for a trainer of the camp, and remembers its webhook', async () => {
    const webhookUrl = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=NEW';
    const before = await f.send('group-robot', { from: 'ming', text: '@训练营助手 /me', chatId: 'wrNewChat', webhookUrl });
    expect(before.reply).toContain('本群还没有绑定训练营');
    const bound = await f.send('group-robot', { from: 'zhang', text: '@训练营助手 /绑定 ai-test', chatId: 'wrNewChat', webhookUrl });
    expect(bound.reply).toBe('已将本群绑定到「AI 测试营」（ai-test），群消息从现在起计入参与度。发送 /帮助 查看命令');
    expect(await campIdForChat(f.store, 'wrNewChat')).toBe(CAMP_ID);
    const row = (await chatsOfCamp(f.store, CAMP_ID)).find((chat) => chat.chatId === 'wrNewChat');
    expect(row?.webhookUrl).toBe(webhookUrl);
    expect(await f.events()).toEqual([]);
  });

  it('refuses learners, unknown camps and 1:1 chats', async () => {
    const learner = await f.send('group-robot', { from: 'ming', text: '@训练营助手 /camp bind ai-test', chatId: 'wrNewChat' });
    expect(learner.reply).toBe('只有训练营「ai-test」的培训老师可以绑定，本次未做任何更改');
    const unknown = await f.send('group-robot', { from: 'zhang', text: '@训练营助手 /camp bind nope', chatId: 'wrNewChat' });
    expect(unknown.reply).toBe('没有训练营「nope」（你负责的训练营：ai-test）。用法：/camp bind ＜训练营id＞ ［迁移］（在群聊中；已绑定其他训练营时加「迁移」改绑）');
    expect(await f.app('zhang', '/camp bind ai-test')).toContain('请在要绑定的群聊里 @我 发送此命令');
    expect(await campIdForChat(f.store, 'wrNewChat')).toBeNull();
  });
});
