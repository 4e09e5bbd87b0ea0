import { parseQuizFile } from '../../src/console/parse-quiz-file.js';
import type { QuizDefinition } from '../../src/console/quiz-definition.js';

const OPEN_QUIZ = `id: week4-prompt
title: 第四周小测：提示词工程
timeLimit: 15
opens: 2026-11-23T09:00
closes: 2026-11-27T22:00
questions:
  - text: 想让模型按固定格式输出，哪种写法最有效？
    points: 20
    options: [只说“请简洁一点”, 给出一个输出示例, 把温度调到最高, 多写几遍“务必”]
    answer: B
  - text: 以下哪些内容不应贴进公共大模型？
    points: 30
    options: [客户名单与联系方式, 已公开的产品手册, 未发布的季度财报, 公司官网新闻稿]
    answer: [A, C]
  - text: 模型给出一个看似权威的引用，你应该？
    points: 20
    options: [直接采用, 去原始出处核对, 让模型再保证一遍]
    answer: B
  - text: 把长文档交给模型总结时，哪些做法有帮助？
    points: 30
    options: [说明读者是谁, 指定输出长度, 要求列出原文依据, 一次塞进所有无关附件]
    answer: [A, B, C]
`;

const CLOSED_QUIZ = `id: ai-basics
title: 第一周小测：AI 基础
timeLimit: 10
opens: 2026-11-06T09:00
closes: 2026-11-08T22:00
questions:
  - { text: 大语言模型的输出是怎样产生的？, points: 25, options: [逐词预测, 查数据库, 人工撰写], answer: A }
  - { text: “幻觉”指的是？, points: 25, options: [模型生成了不真实的内容, 模型运行变慢, 模型拒绝回答], answer: A }
  - { text: 哪些任务适合交给 AI 助手？, points: 25, options: [起草邮件, 总结会议纪要, 最终签批合同], answer: [A, B] }
  - { text: 提示词里写明角色的作用是？, points: 25, options: [让回答更贴合场景, 让模型更快, 没有作用], answer: A }
`;

const UPCOMING_QUIZ = `id: week5-agents
title: 第五周小测：智能体与工作流
timeLimit: 20
opens: 2026-11-30T09:00
closes: 2026-12-03T22:00
questions:
  - { text: 智能体和普通对话最大的区别是？, points: 50, options: [能调用工具完成多步任务, 回答更长, 界面更好看], answer: A }
  - { text: 设计工作流时应先做什么？, points: 50, options: [拆清步骤与输入输出, 先选最贵的模型, 直接上线], answer: A }
`;

/** The AI camp's quizzes: one open now, one closed (with attempts), one not yet open. */
export function sampleQuizzes(): QuizDefinition[] {
  return [OPEN_QUIZ, CLOSED_QUIZ, UPCOMING_QUIZ].map((yaml) => parseQuizFile(yaml, 'Asia/Shanghai'));
}
