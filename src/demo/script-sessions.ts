import type { CampDay } from './demo-calendar.js';
import type { DemoLearner } from './sample-people.js';
import { recorded, type ScriptStep, type ScriptTools } from './script-tools.js';

/** Lessons are on Tuesdays and Thursdays: lesson 2·week − 1 and 2·week. */
export function lessonOn(day: CampDay): number | null {
  if (day.weekday === 2) return 2 * day.week - 1;
  if (day.weekday === 4) return 2 * day.week;
  return null;
}

/** Improvers miss lessons 3–8 and make them up in week 5; everyone else turns up as diligent as they are. */
function attends(tools: ScriptTools, learner: DemoLearner, lesson: number): boolean {
  if (learner.improver) return lesson <= 2 || lesson >= 9;
  return tools.random.chance(0.55 + 0.45 * learner.diligence);
}

/**
 * A lesson day: the trainer opens the session (in group chat 1 or 1:1), learners check in (1:1 or in their group),
 * the trainer closes it and marks the lesson completed for everyone present.
 */
export function sessionSteps(tools: ScriptTools, day: CampDay): ScriptStep[] {
  const lesson = lessonOn(day);
  if (lesson === null) return [];
  const [zhang, chen] = tools.people.trainers;
  const name = `第${lesson}课`;
  const byTrainer = (text: string, time: number) => (lesson % 2 === 1
    ? tools.group(tools.chats[0]!, zhang.userid, text, time)
    : tools.app(chen.userid, text, time));
  const open = tools.at(day, '10:00');
  const checkins = tools.people.learners.filter((l) => attends(tools, l, lesson)).map((learner, i) => {
    const time = open + 30 + Math.floor((i * 840) / tools.people.learners.length);
    const text = tools.random.pick(['/签到', '/checkin', '／签到']);
    const message = tools.random.chance(0.6) ? tools.app(learner.userid, text, time) : tools.group(tools.chatOf(learner), learner.userid, text, time);
    return recorded(message, lesson === 1 && i === 0);
  });
  return [
    tools.send(open, [recorded(byTrainer(lesson % 2 === 1 ? `/session open ${name}` : `/课次 开始 ${name}`, open), lesson === 1)]),
    tools.send(open + 30, checkins),
    tools.send(tools.at(day, '11:30'), [recorded(byTrainer('/session close', tools.at(day, '11:30')), lesson === 1)]),
    tools.send(tools.at(day, '11:31'), [recorded(byTrainer(`/lesson all ${lesson}`, tools.at(day, '11:31')), lesson === 1)]),
  ];
}

/** Wednesday of week 5: the trainer records the lessons the improvers made up (3–8) by name. */
export function makeUpSteps(tools: ScriptTools, day: CampDay): ScriptStep[] {
  if (day.week !== 5 || day.weekday !== 3) return [];
  const improvers = tools.people.learners.filter((l) => l.improver);
  if (improvers.length === 0) return [];
  const mentions = improvers.map((l) => `@${l.name}`).join(' ');
  const time = tools.at(day, '16:00');
  const messages = [3, 4, 5, 6, 7, 8].map((lesson, i) => recorded(tools.group(tools.chats[0]!, tools.people.trainers[0].userid, `/进度 ${mentions} ${lesson}`, time + i * 10), lesson === 3));
  return [tools.send(time, messages)];
}
