import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CAMP_ID, CHAT_ID, startCampFixture, type CampFixture } from '../support/camp-fixture.js';

let f: CampFixture;
beforeEach(async () => {
  f = await startCampFixture();
});
afterEach(() => f.close());

const FOR_LEARNERS = '仅限学员使用，本次未做任何更改';

/** Exams: 小明 90, 小红 80, 小刚 80, 小丽 60; 小华 none. Lessons: 小明 2 of 4. */
async function seedScores(): Promise<void> {
  for (const [who, score] of [['ming', 90], ['hong', 80], ['gang', 80], ['li', 60]] as const) {
    await f.group('zhang', `/score exam ${who} ${score}`);
  }
  await f.group('zhang', '/lesson @小明 1');
  await f.group('zhang', '/lesson @小明 2');
}

describe('/me', () => {
  it('shows composite, rank, every metric with its raw value, eligibility and the gap to the nearest award', async () => {
    await seedScores();
    // Assessed: completion (20) and exam (30). 小明: (20·50 + 30·90)/50 = 74; 小红: 30·80/50 = 48.
    const reply = await f.aiBot('hong', '/我的');
    expect(reply).toContain('小红（A） 综合分 48.00，第 2 / 5 名');
    expect(reply).toContain('完课：0.00 课 → 0.00（权重 20）');
    expect(reply).toContain('考试：80.00（权重 30）');
    expect(reply).toContain('作业：0.00（权重 25，暂无数据未计入）');
    expect(reply).toContain('获奖资格：符合');
    // all-round: 4 learners > 0 → top max(1, ⌈0.4⌉) = 1 → 小明 at 74.00; gap 26.00.
    expect(reply).toContain('距「全能优秀学员奖」还差综合分 26.00（入围线 74.00）');
    expect(reply).not.toContain('强项'); // 3 of 5 stand at or above 小红's 80: not in the top half
    const ming = await f.app('ming', '/me');
    expect(ming).toContain('目前在「全能优秀学员奖」获奖线内');
    // 小明 alone on exam (90) and on completion (50): the higher normalized value wins the tie of shares.
    expect(ming).toContain('你的强项：考试，前 20%');
  });

  it('is for learners, and changes nothing', async () => {
    expect(await f.app('zhang', '/me')).toBe(`/me（/我的）${FOR_LEARNERS}`);
    expect(await f.app('hua', '/me extra')).toContain('小华（B） 综合分 0.00');
    expect(await f.events()).toEqual([]);
  });
});

describe('/rank and /team', () => {
  it('lists competition ranks and adds the asker\'s own line below the top n', async () => {
    await seedScores();
    expect(await f.app('li', '/排行 2')).toBe(
      ['综合分排行（前 2 / 5 人）', '1. 小明（A） 74.00', '2. 小刚（B） 48.00', '…', '4. 小丽（B） 36.00 ← 你'].join('\n'),
    );
    // In group markdown the asker's own line is bold; the list markers are inert (ties keep their ranks).
    expect(await f.group('li', '/排行 2')).toBe(
      ['综合分排行（前 2 / 5 人）', '1． 小明（A） 74.00', '2． 小刚（B） 48.00', '…', '**4． 小丽（B） 36.00 ← 你**'].join('\n'),
    );
    expect(await f.app('zhang', '/rank')).toBe(
      [
        '综合分排行（前 5 / 5 人）',
        '1. 小明（A） 74.00',
        '2. 小刚（B） 48.00',
        '2. 小红（A） 48.00',
        '4. 小丽（B） 36.00',
        '5. 小华（B） 0.00',
      ].join('\n'),
    );
  });

  it('ranks teams by mean composite', async () => {
    await seedScores();
    // A: (74 + 48)/2 = 61; B: (48 + 36 + 0)/3 = 28.
    expect(await f.app('gang', '/团队')).toBe(
      ['团队排行（按成员平均综合分）', '1. A（2 人）平均 61.00，最高 小明 74.00', '2. B（3 人）平均 28.00，最高 小刚 48.00 ← 你的团队'].join('\n'),
    );
  });

  it('answers a bad count with the usage', async () => {
    expect(await f.app('ming', '/rank 0')).toBe('人数须为 1–50 的整数，收到 0。用法：/rank [人数，默认 10，最多 50]');
  });
});

describe('/rules', () => {
  it('shows weights, the metrics not yet assessed, targets and awards', async () => {
    await seedScores();
    const reply = await f.aiBot('hua', '/rules');
    expect(reply).toContain('权重：完课 20、考试 30、作业 25、项目 15、实践 10');
    expect(reply).toContain('暂未计入（还没有数据）：作业、项目、实践');
    expect(reply).toContain('目标：项目 20 分、实践 3 个、参与 30 次');
    expect(reply).toContain('· 全能优秀学员奖：综合分前 10%');
  });
});

describe('/why', () => {
  it('lists the events behind each metric; trainers may look at anyone', async () => {
    const first = (await f.delta(() => f.group('zhang', '/score exam @小明 70'))).added[0]!;
    const second = (await f.delta(() => f.group('zhang', '/score exam @小明 90'))).added[0]!;
    const reply = await f.app('ming', '/why');
    expect(reply).toContain(`#${first.id}`);
    expect(reply).toContain(`已被更新的成绩 #${second.id} 取代`);
    expect(await f.app('zhang', '/明细 @小明')).toContain('小明 的计分明细（综合分 90.00，第 1 名');
  });

  it('keeps a learner to their own, and managers out', async () => {
    expect(await f.app('ming', '/why @小红')).toBe('学员只能查看自己的明细。用法：/why [@学员]（学员只能看自己）');
    expect(await f.app('wang', '/why @小红')).toBe('/why（/明细）仅限学员、培训老师使用，本次未做任何更改');
  });
});

describe('/checkin', () => {
  it('checks a learner in to the open session once', async () => {
    await f.group('zhang', '/session open 第1课');
    const checked = await f.delta(() => f.group('ming', '/签到'));
    expect(checked.added).toMatchObject([{ type: 'checkin', userid: 'ming', ref: '第1课', actor: 'ming', source: 'command' }]);
    expect(checked.result).toBe(`签到成功：「第1课」，已记录 #${checked.added[0]!.id}`);
    expect((await f.delta(() => f.app('ming', '/checkin'))).added).toEqual([]);
  });

  it('needs an open session, and is for learners', async () => {
    const none = await f.delta(() => f.group('ming', '/checkin'));
    expect(none).toEqual({ result: '当前没有进行中的课次，等老师开课后再签到。用法：/checkin', added: [] });
    await f.group('zhang', '/session open 第1课');
    expect(await f.group('zhang', '/checkin')).toBe(`/checkin（/签到）${FOR_LEARNERS}`);
    expect((await f.events()).map((e) => e.type)).toEqual(['session_open']);
  });
});

describe('/submit', () => {
  it('records a submission and answers its id', async () => {
    await f.group('zhang', '/assign a1');
    const submitted = await f.delta(() => f.group('ming', '/提交 a1 https://docs.qq.com/doc/abc'));
    expect(submitted.added).toMatchObject([
      { type: 'submission', userid: 'ming', ref: 'a1', text: 'https://docs.qq.com/doc/abc', actor: 'ming' },
    ]);
    expect(submitted.result).toContain(`提交编号 #${submitted.added[0]!.id}`);
  });

  it('attaches an image or link message that follows `/submit a1`', async () => {
    await f.group('zhang', '/assign a1');
    const waiting = await f.delta(() => f.app('hong', '/submit a1'));
    expect(waiting).toEqual({ result: '请在 10 分钟内发送图片或链接，作为作业「a1」的提交', added: [] });
    const image = await f.delta(() => f.send('app', { from: 'hong', kind: 'image', url: 'https://wework.qpic.cn/hong.png' }));
    expect(image.added).toMatchObject([{ type: 'submission', userid: 'hong', ref: 'a1', text: 'https://wework.qpic.cn/hong.png', source: 'chat' }]);
    expect(image.result.reply).toContain(`提交编号 #${image.added[0]!.id}`);
    const stray = await f.delta(() => f.send('app', { from: 'hong', kind: 'link', url: 'https://example.com', title: '又一篇' }));
    expect(stray).toEqual({ result: { status: 200, reply: null }, added: [] });
    await f.app('gang', '/submit a1');
    const link = await f.delta(() => f.send('app', { from: 'gang', kind: 'link', url: 'https://docs.qq.com/x', title: '访谈' }));
    expect(link.added).toMatchObject([{ type: 'submission', userid: 'gang', text: '访谈 https://docs.qq.com/x' }]);
  });

  it('takes the image of a group message that @-mentions the bot with `/submit a1`', async () => {
    await f.group('zhang', '/assign a1');
    const mixed = await f.delta(() =>
      f.send('group-robot', { from: 'li', kind: 'mixed', text: '@训练营助手 /submit a1', url: 'https://wework.qpic.cn/li.png', chatId: CHAT_ID }),
    );
    expect(mixed.added).toMatchObject([{ type: 'submission', userid: 'li', ref: 'a1', text: 'https://wework.qpic.cn/li.png' }]);
  });

  it('refuses unknown assignments, and non-learners', async () => {
    await f.group('zhang', '/assign a1');
    expect(await f.app('ming', '/submit a9 内容')).toBe(
      '没有作业「a9」，当前作业：a1。用法：/submit <作业id> <链接或文字>（或先发 /submit <作业id>，再发图片/链接）',
    );
    expect(await f.app('zhang', '/submit a1 内容')).toBe(`/submit（/提交）${FOR_LEARNERS}`);
    expect((await f.events()).map((e) => e.type)).toEqual(['assignment']);
  });
});

describe('/review', () => {
  async function submission(): Promise<number> {
    await f.group('zhang', '/assign a1');
    return (await f.delta(() => f.app('ming', '/submit a1 我的方案'))).added[0]!.id;
  }

  it('records a peer review in points or stars; a second one replaces the first', async () => {
    const id = await submission();
    const first = await f.delta(() => f.group('hong', `/互评 #${id} 4星 很实用`));
    expect(first.added).toMatchObject([{ type: 'review', userid: 'ming', num: 80, ref: 'a1', text: '很实用', actor: 'hong' }]);
    expect(first.result).toBe(`已记录互评 #${first.added[0]!.id}：作业「a1」80 分`);
    const second = await f.delta(() => f.aiBot('hong', '/review a1 @小明 95'));
    expect(second.added).toMatchObject([{ type: 'review', userid: 'ming', num: 95, actor: 'hong' }]);
    expect(second.result).toBe(`已记录互评 #${second.added[0]!.id}：作业「a1」95 分（替换你之前的互评 #${first.added[0]!.id}）`);
  });

  it('refuses one\'s own submission, bad scores, and trainers', async () => {
    const id = await submission();
    for (const [who, text] of [['ming', `/review #${id} 90`], ['hong', `/review #${id} 6星`], ['hong', `/review #${id}`]] as const) {
      const misuse = await f.delta(() => f.group(who, text));
      expect(misuse.added).toEqual([]);
      expect(misuse.result).toContain('用法：/review');
    }
    expect(await f.group('ming', `/review #${id} 90`)).toMatch(/^不能互评自己的作业/);
    expect(await f.group('zhang', `/review #${id} 90`)).toBe(`/review（/互评）${FOR_LEARNERS}`);
    expect((await f.events()).map((e) => e.type)).toEqual(['assignment', 'submission']);
  });
});

describe('/help', () => {
  it('lists only what the user may use, with examples, and explains one command', async () => {
    const learner = await f.app('ming', '/help');
    expect(learner).toContain('/me（/我的） 我的综合分');
    expect(learner).toContain('例：/我的');
    expect(learner).not.toContain('/score');
    const trainer = await f.group('zhang', '/帮助');
    expect(trainer).toContain('/score（/记分）');
    expect(trainer).not.toContain('/checkin');
    expect(await f.app('ming', '/help 记分')).toContain('用法：/score exam[:名称] @学员 <0-100> [原因]');
    expect(await f.app('ming', '/help 飞')).toBe('没有命令「飞」，发送 /帮助 查看全部。用法：/help [命令]');
  });

  it('answers an unknown command with a hint to /help', async () => {
    expect(await f.group('ming', '/飞起来')).toBe('没有这个命令「/飞起来」，发送 /帮助 查看可用命令');
    expect(await f.events()).toEqual([]);
  });
});

it('resolves the camp of a 1:1 chat from the roster', async () => {
  expect(CAMP_ID).toBe('ai-test');
  expect(await f.app('stranger', '/rank')).toBe('你还不在任何训练营的名单中，如有疑问请联系培训老师');
});
