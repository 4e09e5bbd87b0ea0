import type { LineOutput } from '../report/line-output.js';
import { parseQuizFile } from '../console/parse-quiz-file.js';
import { saveQuiz } from '../db/quiz-store.js';
import type { DemoStack } from './demo-stack.js';
import type { DemoPeople } from './sample-people.js';
import { DEMO_CAMP_ID } from './sample-camp.js';

const HOUR = 3_600_000;

/** A quiz open for the week after the camp, so a visitor signed in as a learner can take one. */
function sampleQuizYaml(now: number): string {
  const at = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16)}+00:00`;
  return `id: demo-quiz
title: 结营小测：AI 应用常识
timeLimit: 10
opens: ${at(now - HOUR)}
closes: ${at(now + 7 * 24 * HOUR)}
questions:
  - { text: 想让模型按固定格式输出，哪种写法最有效？, points: 40, options: [只说“请简洁一点”, 给出一个输出示例, 把温度调到最高], answer: B }
  - { text: 以下哪些内容不应贴进公共大模型？, points: 60, options: [客户名单与联系方式, 已公开的产品手册, 未发布的季度财报], answer: [A, C] }
`;
}

/**
 * Readies the console for a visitor: the fake WeCom login offers a trainer, an admin, a manager and two learners of
 * the sample camp, and the camp gets a quiz to take.
 */
export async function prepareConsoleTour(stack: DemoStack, people: DemoPeople, now: number): Promise<void> {
  const learners = people.learners.slice(0, 2).map((l) => ({ userid: l.userid, name: l.name, note: `学员 · ${l.team}` }));
  stack.fake.setLoginUsers([
    { ...people.trainers[0], note: '培训老师' },
    { ...people.admins[0]!, note: '行政（管理员）' },
    { ...people.managers[0], note: '部门负责人' },
    ...learners,
  ].map(({ userid, name, note }) => ({ userid, name, note })));
  const quiz = parseQuizFile(sampleQuizYaml(now), 'Asia/Shanghai');
  await saveQuiz(stack.store, { campId: DEMO_CAMP_ID, id: quiz.id, definition: JSON.stringify(quiz), uploadedBy: people.trainers[0].userid, uploadedAt: now });
}

/** Keeps the server up for the visitor until Ctrl+C (only when a person is watching the terminal). */
export async function keepConsoleOpen(io: LineOutput, consoleUrl: string): Promise<void> {
  if (!io.isTty) return;
  io.out(`🖥  控制台仍在运行：${consoleUrl} —— 在浏览器里打开，选一个身份登录看看；按 Ctrl+C 结束演示`);
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
}
