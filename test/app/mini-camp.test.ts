import { afterEach, beforeEach, expect, it } from 'vitest';
import { localDateOf, zonedTimeToUtcMs } from '../../src/camp/time-zone.js';
import { main } from '../../src/cli/main.js';
import { loadCampStandings } from '../../src/db/camp-standings.js';
import { standingsJson } from '../../src/report/standings-json.js';
import { captureIo } from '../support/capture-io.js';
import { CAMP_ID, CHAT_ID, sampleCampYaml, startCampFixture, type CampFixture } from '../support/camp-fixture.js';
import { tempDbFile } from '../support/temp-db-file.js';
import { testEngine } from '../support/test-store.js';

const DAY = 86_400_000;
const METRICS = [
  'metrics:',
  '  completion: { weight: 20 }',
  '  attendance: { weight: 10 }',
  '  exam: { weight: 25 }',
  '  assignment: { weight: 20, trainerShare: 0.7, minPeerReviews: 2 }',
  '  project: { weight: 10, target: 20 }',
  '  practice: { weight: 10, target: 3 }',
  '  participation: { weight: 5, target: 4, minChars: 5, cooldownSeconds: 60, dailyCap: 20 }',
].join('\n');

let f: CampFixture;
/** On SQLite the camp lives in a file, so that the CLI can open it; on PostgreSQL in the fixture's own schema. */
let temp: ReturnType<typeof tempDbFile> | null;
beforeEach(async () => {
  temp = testEngine() === 'sqlite' ? tempDbFile() : null;
  f = await startCampFixture({ campYaml: sampleCampYaml(Date.now(), METRICS), ...(temp ? { dbFile: temp.file } : {}) });
});
afterEach(async () => {
  await f.close();
  temp?.cleanup();
});

interface StandingsDocument {
  rows: { userid: string; rank: number; composite: number; metrics: Record<string, { raw: number; normalized: number }> }[];
}

/**
 * The `standings --json` document: printed by the CLI where it can open the fixture's database (a SQLite file), else
 * built the way the CLI builds it (the fixture's PostgreSQL schema has no URL of its own to give the CLI).
 */
async function standingsDocument(): Promise<StandingsDocument> {
  if (!temp) return JSON.parse(JSON.stringify(standingsJson(await loadCampStandings(f.store, CAMP_ID, Date.now())))) as StandingsDocument;
  const io = captureIo();
  expect(await main(['standings', CAMP_ID, '--json'], io)).toBe(0);
  return JSON.parse(io.stdout.join('\n')) as StandingsDocument;
}

/** Day 1 is six days ago; `at(2, '09:30')` is CreateTime (seconds) of 09:30 Shanghai time on day 2. */
const firstDay = localDateOf(Date.now() - 6 * DAY, 'Asia/Shanghai');
const at = (day: number, hhmmss: string): number =>
  (zonedTimeToUtcMs(`${firstDay}T${hhmmss}`, 'Asia/Shanghai') + (day - 1) * DAY) / 1000;

async function say(from: string, text: string, createTime: number): Promise<string | null> {
  return f.group(from, text, { createTime });
}

async function dayOneAndTwo(): Promise<void> {
  await say('zhang', '/session open 第1课', at(1, '09:00'));
  for (const [i, who] of ['ming', 'hong', 'gang', 'li'].entries()) await say(who, '/签到', at(1, `09:0${i + 1}`));
  await say('zhang', '/session close', at(1, '10:00'));
  await say('zhang', '/lesson all 1', at(1, '10:01'));
  await say('zhang', '/assign a1 user-research 用户访谈', at(1, '11:00'));
  await f.send('group-robot', { from: 'ming', text: '@训练营助手 访谈提纲要先写假设吗', chatId: CHAT_ID, createTime: at(1, '11:00:00') });
  await f.send('group-robot', { from: 'ming', text: '@训练营助手 还有样本量怎么定呢', chatId: CHAT_ID, createTime: at(1, '11:00:30') });
  await f.send('group-robot', { from: 'ming', text: '@训练营助手 我先按十个人来准备', chatId: CHAT_ID, createTime: at(1, '11:02:00') });
  await f.send('group-robot', { from: 'hong', text: '@训练营助手 好的', chatId: CHAT_ID, createTime: at(1, '11:03') });
  await f.send('group-robot', { from: 'gang', text: '@训练营助手 我们组已经约好了用户', chatId: CHAT_ID, createTime: at(1, '11:04') });
  await f.app('zhang', '/课次 open 第2课', { createTime: at(2, '09:00') });
  for (const who of ['ming', 'hong', 'hua']) await f.aiBot(who, '/checkin', { createTime: at(2, '09:05') });
  await f.app('zhang', '/session close', { createTime: at(2, '10:00') });
  await f.app('zhang', '/进度 @小明 @小红 hua 2', { createTime: at(2, '10:01') });
  await f.app('ming', '/submit a1 https://docs.qq.com/doc/ming', { createTime: at(2, '20:00') });
  await f.app('hong', '/提交 a1', { createTime: at(2, '20:10') });
  await f.send('app', { from: 'hong', kind: 'image', url: 'https://wework.qpic.cn/hong.png', createTime: at(2, '20:11') });
  await f.aiBot('gang', '/submit a1 访谈了 8 位一线客服，结论见下', { createTime: at(2, '21:00') });
}

async function dayThreeToFive(): Promise<void> {
  const ming = (await f.events()).find((e) => e.type === 'submission' && e.userid === 'ming')!.id;
  await f.app('hong', `/互评 #${ming} 4星`, { createTime: at(3, '09:00') });
  await f.app('gang', `/review a1 @小明 90`, { createTime: at(3, '09:01') });
  await f.app('li', `/review #${ming} 70`, { createTime: at(3, '09:02') });
  await f.app('li', `/review #${ming} 100 重新看了一遍`, { createTime: at(3, '09:03') });
  await f.app('ming', '/review a1 @小红 60', { createTime: at(3, '09:04') });
  expect(await f.app('hong', '/review a1 @小红 100', { createTime: at(3, '09:05') })).toMatch(/^不能互评自己的作业/);
  await say('zhang', '/批改 a1 @小明 80', at(3, '15:00'));
  await say('zhang', '/grade a1 @小红 90', at(3, '15:01'));
  await say('zhang', '/grade a1 @小刚 70', at(3, '15:02'));
  for (const [who, score] of [['小明', 90], ['小红', 85], ['小刚', 70], ['小丽', 60]] as const) {
    await say('zhang', `/记分 exam @${who} ${score}`, at(4, '10:00'));
  }
  await say('zhang', '/score exam:期中 @小明 80', at(4, '10:05'));
  await say('zhang', '/score project @小刚 +10 访谈组织', at(4, '11:00'));
  await say('zhang', '/score project @小丽 +25 原型', at(4, '11:01'));
  await f.app('wang', '/案例 @小明 用模板写周报', { createTime: at(4, '18:00') });
  await f.app('wang', '/case @小明 客服知识库问答', { createTime: at(4, '18:01') });
  await f.app('wang', '/case hua 会议纪要自动化', { createTime: at(4, '18:02') });
  const typo = (await f.delta(() => say('zhang', '/score exam @小红 50', at(5, '09:00')))).added[0]!;
  await say('zhang', `/undo #${typo.id} 录错了`, at(5, '09:01'));
  expect(await f.aiBot('hua', '/签到', { createTime: at(5, '10:00') })).toMatch(/^当前没有进行中的课次/);
}

it('runs a week of a camp purely by chat, and `standings --json` matches the hand-computed table', async () => {
  await dayOneAndTwo();
  await dayThreeToFive();
  const table = await standingsDocument();
  // completion/4 lessons, attendance/2 sessions, exam mean over {final, 期中}, assignment a1 (0.7·t + 0.3·median(P) when
  // |P| ≥ 2), project/20, practice/3, participation/4; weights 20/10/25/20/10/10/5.
  const expected = {
    ming: { rank: 1, composite: 67.02, raw: [2, 2, 85, 83, 0, 2, 2] },
    hong: { rank: 2, composite: 48.63, raw: [2, 2, 42.5, 90, 0, 0, 0] },
    gang: { rank: 3, composite: 39, raw: [1, 1, 35, 70, 10, 0, 1] },
    li: { rank: 4, composite: 27.5, raw: [1, 1, 30, 0, 25, 0, 0] },
    hua: { rank: 5, composite: 13.33, raw: [1, 1, 0, 0, 0, 1, 0] },
  };
  const metrics = ['completion', 'attendance', 'exam', 'assignment', 'project', 'practice', 'participation'];
  expect(table.rows.map((row) => row.userid)).toEqual(['ming', 'hong', 'gang', 'li', 'hua']);
  for (const row of table.rows) {
    const want = expected[row.userid as keyof typeof expected];
    expect({ rank: row.rank, composite: row.composite }).toEqual({ rank: want.rank, composite: want.composite });
    expect(metrics.map((m) => row.metrics[m]?.raw)).toEqual(want.raw);
    expect(row.metrics['assignment:user-research']?.raw).toBe(want.raw[3]);
  }
  expect(table.rows[0]!.metrics.practice!.normalized).toBe(66.67);
  expect(table.rows[3]!.metrics.project!.normalized).toBe(100);
});
