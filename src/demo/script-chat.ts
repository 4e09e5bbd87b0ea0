import type { CampDay } from './demo-calendar.js';
import type { DemoLearner } from './sample-people.js';
import { type ScriptMessage, type ScriptStep, type ScriptTools } from './script-tools.js';

const CHAT = [
  '今天的课收获很大，提示词的结构化写法很实用',
  '请问作业里的流程图用什么工具画比较好？',
  '我们组约了三个用户做访谈，下周出结论',
  '分享一个小技巧：先让模型列提纲再展开',
  '昨天试着把周报交给AI写，效果不错',
  '有没有同学一起研究一下知识库问答？',
  '老师讲的评估方法我回去要再看一遍',
  '刚把作业提交了，欢迎大家互评指正',
  '这个案例和我们部门的场景很像',
  '项目原型跑通了，明天给大家演示',
  '有点跟不上了，周末补一下前两课',
  '大家的作业都好认真，学到了',
  '数据脱敏这块大家是怎么处理的？',
  '感谢助教整理的资料，太及时了',
];
/** Three chat windows a day; a learner says at most one thing in each. */
const WINDOWS = ['09:10', '12:40', '18:30'];

function talks(tools: ScriptTools, learner: DemoLearner, day: CampDay): boolean {
  if (learner.improver && day.week >= 2 && day.week <= 4) return false;
  return tools.random.chance(learner.chattiness * 0.45);
}

/** Group chat that @-mentions the bot (the only kind a bot hears): participation evidence, answered with silence. */
function chatSteps(tools: ScriptTools, day: CampDay): ScriptStep[] {
  return WINDOWS.map((window) => {
    const start = tools.at(day, window);
    const messages = tools.people.learners
      .filter((learner) => talks(tools, learner, day))
      .map((learner, i) => tools.group(tools.chatOf(learner), learner.userid, tools.random.pick(CHAT), start + i * 9));
    return tools.send(start, messages);
  });
}

/** Learners look themselves up 1:1 and the ranking in their group; the first day also shows help, rules and a welcome. */
function querySteps(tools: ScriptTools, day: CampDay): ScriptStep[] {
  const { random, people } = tools;
  const first = day.week === 1 && day.weekday === 1;
  const last = day.week === 5 && day.weekday === 5;
  const noon = tools.at(day, '12:05');
  const [someone] = people.learners;
  const messages: ScriptMessage[] = random.sample(people.learners, 5).map((learner, i) =>
    ({ ...tools.app(learner.userid, i % 2 ? '/我的' : '/me', noon + i * 11), show: i === 0 && (day.weekday === 3 || last) }));
  for (const [i, learner] of random.sample(people.learners, 2).entries()) {
    messages.push({ ...tools.group(tools.chatOf(learner), learner.userid, i ? '/排行 5' : '/rank', noon + 100 + i), show: i === 0 && (day.weekday === 5) });
  }
  if (day.weekday === 5) messages.push({ ...tools.app(people.trainers[0].userid, '/team', noon + 200), show: day.week === 5 });
  if (first && someone) {
    messages.push({ ...tools.app(someone.userid, '', tools.at(day, '08:30'), { kind: 'event', event: 'enter_agent' }), show: true });
    messages.push({ ...tools.app(someone.userid, '/帮助', tools.at(day, '08:31')), show: true });
    messages.push({ ...tools.group(tools.chatOf(someone), someone.userid, '/规则', tools.at(day, '08:32')), show: true });
  }
  if (day.week === 4 && day.weekday === 5) messages.push({ ...tools.app(people.trainers[1].userid, '/stats', noon + 300), show: true });
  if (day.week === 3 && day.weekday === 3 && someone) messages.push({ ...tools.app(someone.userid, '/why', noon + 400), show: true });
  return [tools.send(noon, messages)];
}

/** Everything said in passing on `day`. */
export function chatAndQuerySteps(tools: ScriptTools, day: CampDay): ScriptStep[] {
  return [...chatSteps(tools, day), ...querySteps(tools, day)];
}
