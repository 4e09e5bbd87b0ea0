import { zonedTimeToUtcMs } from '../../src/camp/time-zone.js';
import type { DemoLearner } from '../../src/demo/sample-people.js';
import type { SeededRandom } from '../../src/demo/seeded-random.js';
import type { NewMockEvent } from './mock-event.js';

const ZONE = 'Asia/Shanghai';
const at = (local: string): number => zonedTimeToUtcMs(local, ZONE);

/** Lessons held so far (lesson n on its date), each also a closed attendance session. */
const LESSONS = ['2026-11-03', '2026-11-05', '2026-11-10', '2026-11-12', '2026-11-17', '2026-11-19', '2026-11-24'];
const EXAMS = [
  { ref: 'week1', date: '2026-11-08' },
  { ref: 'week2', date: '2026-11-15' },
  { ref: 'week3', date: '2026-11-22' },
];
const ASSIGNMENTS = [
  { id: 'a1', tag: null, title: '需求分析报告', date: '2026-11-04', graded: true },
  { id: 'a2', tag: 'user-research', title: '用户访谈纪要', date: '2026-11-11', graded: true },
  { id: 'a3', tag: null, title: '提示词实践：周报助手', date: '2026-11-18', graded: false },
];
const WORK = ['https://doc.weixin.qq.com/doc/w3_AbCdEf', 'https://doc.weixin.qq.com/sheet/e3_GhIjKl', '我用 AI 把周报整理时间从 1 小时缩短到 15 分钟，步骤见附件。'];
const CASES = ['用大模型整理客户访谈，三天的活一天完成', '把报价单核对做成了自动流程', '带组里新人用 AI 写测试用例', '用 AI 助手生成周会纪要模板'];

/** Three weeks of a camp for the given learners: lessons, check-ins, exams, assignments, points and chat. */
export function sampleFacts(random: SeededRandom, learners: readonly DemoLearner[], staff: { trainer: string; manager: string }): NewMockEvent[] {
  const events: NewMockEvent[] = [];
  const push = (event: NewMockEvent): void => void events.push(event);
  LESSONS.forEach((date, i) => {
    push({ type: 'session_open', ref: `第${i + 1}课`, actor: staff.trainer, at: at(`${date}T19:00`), source: 'command' });
    push({ type: 'session', ref: `第${i + 1}课`, actor: staff.trainer, at: at(`${date}T21:00`), source: 'command' });
  });
  for (const a of ASSIGNMENTS) push({ type: 'assignment', ref: a.id, text: a.tag, note: a.title, actor: staff.trainer, at: at(`${a.date}T21:10`), source: 'command' });
  for (const learner of learners) learnerFacts(random, learner, learners, staff, push);
  return events.sort((a, b) => a.at - b.at);
}

function learnerFacts(
  random: SeededRandom,
  learner: DemoLearner,
  everyone: readonly DemoLearner[],
  staff: { trainer: string; manager: string },
  push: (event: NewMockEvent) => void,
): void {
  const { userid, diligence, skill } = learner;
  const late = (date: string, hour: number): number => at(`${date}T${String(hour).padStart(2, '0')}:00`) + random.int(0, 50) * 60_000;
  LESSONS.forEach((date, i) => {
    const shows = learner.improver ? i >= 3 : random.chance(diligence);
    if (!shows) return;
    push({ type: 'checkin', userid, ref: `第${i + 1}课`, actor: userid, at: late(date, 19), source: 'chat' });
    push({ type: 'lesson', userid, num: i + 1, actor: staff.trainer, at: late(date, 21), source: 'command' });
  });
  for (const exam of EXAMS) {
    if (!random.chance(0.4 + diligence * 0.6)) continue;
    const score = Math.min(100, Math.round(45 + skill * 50 + random.int(-8, 8)));
    push({ type: 'exam', userid, num: score, ref: exam.ref, actor: 'import', at: late(exam.date, 10), source: 'import' });
  }
  for (const a of ASSIGNMENTS) {
    if (!random.chance(diligence)) continue;
    const submittedAt = late(a.date, 22) + random.int(1, 3) * 86_400_000;
    push({ type: 'submission', userid, ref: a.id, text: random.pick(WORK), actor: userid, at: submittedAt, source: 'chat' });
    if (a.graded) push({ type: 'grade', userid, ref: a.id, num: Math.round(55 + skill * 40 + random.int(-5, 5)), text: random.chance(0.5) ? '结构清楚，结论有数据支撑' : null, actor: staff.trainer, at: submittedAt + 86_400_000, source: 'command' });
    for (const reviewer of random.sample(everyone, random.int(0, 3))) {
      if (reviewer.userid === userid) continue;
      push({ type: 'review', userid, ref: a.id, num: random.pick([60, 80, 80, 100]), text: random.chance(0.4) ? '思路很清晰，值得学习' : null, actor: reviewer.userid, at: submittedAt + 43_200_000, source: 'chat' });
    }
  }
  for (let day = 2; day <= 24; day += 1) {
    const date = `2026-11-${String(day).padStart(2, '0')}`;
    const messages = Math.floor(random.next() * learner.chattiness * 4);
    for (let m = 0; m < messages; m += 1) push({ type: 'participation', userid, num: 1, actor: userid, at: late(date, 10 + m * 2), source: 'chat' });
    if (random.chance(diligence * 0.12)) push({ type: 'project', userid, num: random.int(1, 4), actor: staff.trainer, at: late(date, 17), source: 'command', note: '项目里程碑' });
  }
  const cases = random.chance(diligence) ? random.int(0, 3) : 0;
  for (let c = 0; c < cases; c += 1) {
    push({ type: 'practice', userid, num: 1, note: random.pick(CASES), actor: staff.manager, at: late(`2026-11-${String(random.int(10, 23))}`, 16), source: 'command' });
  }
}
