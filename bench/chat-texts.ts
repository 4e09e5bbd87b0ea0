/** What learners write in a camp's group chat, for the bench's live chatter and its month of history. */

const SENTENCES = [
  '我觉得今天讲的结构化提示词特别实用',
  '请问第三课的作业什么时候截止？',
  '刚才的例子我在自己的项目里试了一下，效果比之前好很多',
  '有没有同学愿意一起讨论一下期末项目的选题',
  '老师讲的检索增强生成和我们部门的知识库很契合',
  '我把课堂笔记整理好了，需要的同学可以找我要',
  '这个方法在处理长文档的时候会不会丢信息？',
  '同意楼上的看法，评估集一定要先建好',
  '今天的练习我做了三遍才跑通，分享一下踩过的坑',
  '用户访谈的记录模板大家是怎么设计的',
  '周五的线下分享会在几楼？',
  '感谢助教的耐心解答，问题已经解决了',
  '我们组打算做一个客服工单自动分类的小工具',
  '提示词里加上角色和输出格式之后稳定多了',
  '有人遇到过接口超时的问题吗，重试之后就好了',
  '这周的阅读材料有点多，大家是按什么顺序看的',
  'Agent 的工具调用那一部分能再讲一遍吗',
  '把需求拆成小步骤再让模型逐步完成，准确率明显提高',
];
const SHORT = ['好的', '收到', '👍', '+1', '哈哈', '赞同', '666', '谢谢'];

export type ChatKind = 'text' | 'image' | 'mixed';

/** One chat message's content; `text` excludes the @mention the bot receives it with. */
export interface ChatContent {
  kind: ChatKind;
  text: string;
}

function sentences(random: () => number, count: number): string {
  return Array.from({ length: count }, () => SENTENCES[Math.floor(random() * SENTENCES.length)]!).join('，');
}

/**
 * A realistic message: mostly one to three sentences (long enough to count), a few long paragraphs, 8% short
 * replies that never count, 4% shared links, 3% images and 1% text with an image.
 */
export function chatContent(random: () => number): ChatContent {
  const roll = random();
  if (roll < 0.08) return { kind: 'text', text: SHORT[Math.floor(random() * SHORT.length)]! };
  if (roll < 0.12) return { kind: 'text', text: `${sentences(random, 1)} https://mp.weixin.qq.com/s/${Math.floor(random() * 1e9).toString(36)}` };
  if (roll < 0.15) return { kind: 'image', text: '' };
  if (roll < 0.16) return { kind: 'mixed', text: sentences(random, 1) };
  if (roll < 0.2) return { kind: 'text', text: sentences(random, 4 + Math.floor(random() * 5)) };
  return { kind: 'text', text: sentences(random, 1 + Math.floor(random() * 3)) };
}

/** A message that counts under the bench camp's rule (`minChars` 5): text of a few sentences, or an image. */
export function countedContent(random: () => number): ChatContent {
  return random() < 0.05 ? { kind: 'image', text: '' } : { kind: 'text', text: sentences(random, 1 + Math.floor(random() * 3)) };
}

/** A reply too short to count (under `minChars` 5). */
export function shortContent(random: () => number): ChatContent {
  return { kind: 'text', text: SHORT[Math.floor(random() * SHORT.length)]! };
}
