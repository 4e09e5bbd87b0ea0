/** Files the console tests upload: base64 bodies and a sample quiz. */
import type { UploadedFile } from '../../src/console/api-types.js';

/** An `UploadedFile` body field. */
export function upload(name: string, content: string | Buffer): UploadedFile {
  return { name, contentBase64: Buffer.from(content).toString('base64') };
}

/** A two-question quiz (20 + 30 points) open from a day ago for a week, 15 minutes to take. */
export function quizYaml(id: string, options: { opens?: string; closes?: string; minutes?: number } = {}): string {
  const day = 86_400_000;
  const at = (ms: number): string => new Date(ms).toISOString().slice(0, 16) + '+00:00';
  return `id: ${id}
title: 第一周小测
timeLimit: ${options.minutes ?? 15}
opens: ${options.opens ?? at(Date.now() - day)}
closes: ${options.closes ?? at(Date.now() + 7 * day)}
questions:
  - text: 想让模型按固定格式输出，哪种写法最有效？
    points: 20
    options: [只说“请简洁一点”, 给出一个输出示例, 把温度调到最高]
    answer: B
  - text: 以下哪些内容不应贴进公共大模型？
    points: 30
    options: [客户名单, 已公开的产品手册, 未发布的财报]
    answer: [A, C]
`;
}
