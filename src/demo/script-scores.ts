import type { CampDay } from './demo-calendar.js';
import type { DemoLearner } from './sample-people.js';
import { recorded, type ScriptMessage, type ScriptStep, type ScriptTools } from './script-tools.js';

/** A manager's practical-application case for a learner on a day. */
interface PlannedCase {
  learner: DemoLearner;
  day: CampDay;
}

/** Team strength for the project and the cases managers will report, decided up front. */
export interface ScorePlan {
  teamStrength: Map<string, number>;
  cases: PlannedCase[];
}

const CASES = [
  '用大模型自动整理客户反馈，每周节省2小时',
  '把周报模板改成提示词，团队都在用',
  '搭了一个知识库问答助手，新人上手快了',
  '用AI生成测试用例，覆盖率提升',
  '会议纪要自动化，纪要当天就能发出',
  '用AI做竞品分析初稿，效率翻倍',
  '把合同条款检查做成了工作流',
];
const RESEARCH_MANAGERS = new Set(['研发部', '产品部', '运营部', '财务部']);

export function planScores(tools: ScriptTools): ScorePlan {
  const { random } = tools;
  const teamStrength = new Map(tools.people.teams.map((team) => [team, 0.3 + 0.7 * random.next()]));
  const caseDays = tools.calendar.days.filter((d) => d.week >= 2 && !(d.week === 5 && d.weekday === 5));
  const cases: PlannedCase[] = [];
  for (const learner of tools.people.learners) {
    const count = [0, 1, 2, 3].filter(() => random.chance(learner.skill * learner.diligence * 0.45)).length;
    for (const day of random.sample(caseDays, count)) cases.push({ learner, day });
  }
  return { teamStrength, cases };
}

function examScore(tools: ScriptTools, learner: DemoLearner, final: boolean): number {
  const base = 45 + 50 * learner.skill + (final && learner.improver ? 15 : 0);
  return Math.max(20, Math.min(100, Math.round(base + (tools.random.next() - 0.5) * 16)));
}

/** Friday of week 3: the midterm (`exam:期中`, 1:1 by one trainer); Thursday of week 5: the final (group chat 1). */
function examSteps(tools: ScriptTools, day: CampDay): ScriptStep[] {
  const midterm = day.week === 3 && day.weekday === 5;
  const final = day.week === 5 && day.weekday === 4;
  if (!midterm && !final) return [];
  const [zhang, chen] = tools.people.trainers;
  const time = tools.at(day, '15:00');
  const takers = tools.people.learners.filter((l) => tools.random.chance(0.6 + 0.4 * l.diligence));
  const messages = takers.map((learner, i) => {
    const score = examScore(tools, learner, final);
    return recorded(midterm
      ? tools.app(chen.userid, `/score exam:期中 @${learner.name} ${score}`, time + i * 5)
      : tools.group(tools.chats[0]!, zhang.userid, `/记分 exam ${learner.userid} ${score}`, time + i * 5), i === 0);
  });
  return [tools.send(time, messages)];
}

/** Project reviews on Friday of weeks 2 and 4 (points by team strength), and a demo-day bonus for the top 3 teams. */
function projectSteps(tools: ScriptTools, plan: ScorePlan, day: CampDay): ScriptStep[] {
  const review = day.weekday === 5 && (day.week === 2 || day.week === 4);
  const demoDay = day.week === 5 && day.weekday === 3;
  if (!review && !demoDay) return [];
  const zhang = tools.people.trainers[0].userid;
  const time = tools.at(day, '16:30');
  const ranked = [...plan.teamStrength.entries()].sort((a, b) => b[1] - a[1]).map(([team]) => team);
  const messages: ScriptMessage[] = [];
  for (const learner of tools.people.learners) {
    const strength = plan.teamStrength.get(learner.team) ?? 0.5;
    const bonus = [4, 3, 2][ranked.indexOf(learner.team)] ?? 0;
    const points = demoDay ? bonus : Math.max(1, Math.round(strength * 8 * (0.6 + 0.4 * learner.diligence)));
    if (points === 0) continue;
    const reason = demoDay ? '结业路演前三' : `第${day.week / 2}次项目评审`;
    messages.push(recorded(tools.group(tools.chats[0]!, zhang, `/score project @${learner.name} +${points} ${reason}`, time + messages.length * 3), messages.length === 0));
  }
  return [tools.send(time, messages)];
}

/** Managers report how learners applied what they learned, 1:1 with the app. */
function caseSteps(tools: ScriptTools, plan: ScorePlan, day: CampDay): ScriptStep[] {
  const today = plan.cases.filter((c) => c.day.date === day.date);
  if (today.length === 0) return [];
  const [wang, zhou] = tools.people.managers;
  const time = tools.at(day, '17:30');
  const firstDay = plan.cases.reduce((first, c) => (c.day.date < first ? c.day.date : first), day.date);
  const messages = today.map((c, i) => {
    const manager = RESEARCH_MANAGERS.has(c.learner.department) ? wang : zhou;
    const text = `${i % 2 ? '/案例' : '/case'} @${c.learner.name} ${tools.random.pick(CASES)}`;
    return recorded(tools.app(manager.userid, text, time + i * 30), i === 0 && firstDay === day.date);
  });
  return [tools.send(time, messages)];
}

/** Exams, project points and manager cases that happen on `day`. */
export function scoreSteps(tools: ScriptTools, plan: ScorePlan, day: CampDay): ScriptStep[] {
  return [...examSteps(tools, day), ...projectSteps(tools, plan, day), ...caseSteps(tools, plan, day)];
}
