import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { parseQuizFile } from '../../src/console/parse-quiz-file.js';
import { readQuizWorkbook } from '../../src/console/read-quiz-workbook.js';

const ZONE = 'Asia/Shanghai';

const QUIZ = `
id: week3-prompt
title: 第三周小测：提示词工程
timeLimit: 15
opens: 2026-11-23T09:00
closes: 2026-11-27T22:00
questions:
  - text: 哪种写法最能让模型按固定格式输出？
    points: 10
    options: [只说“请简洁”, 给出一个输出示例, 把温度调到 2]
    answer: B
  - id: risks
    text: 哪些内容不应贴进公共大模型？
    kind: multiple
    points: 20
    options: [客户名单, 公开的产品手册, 未发布的财报]
    answer: [C, A]
`;

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('parseQuizFile', () => {
  it('reads questions, keys, points and the window in the camp zone', () => {
    const quiz = parseQuizFile(QUIZ, ZONE);
    expect(quiz.opensAt).toBe(Date.parse('2026-11-23T01:00:00Z'));
    expect(quiz.closesAt).toBe(Date.parse('2026-11-27T14:00:00Z'));
    expect(quiz.questions.map((q) => [q.id, q.kind, q.points, q.answer])).toEqual([
      ['q1', 'single', 10, ['B']],
      ['risks', 'multiple', 20, ['A', 'C']],
    ]);
    expect(quiz.questions[1]!.options[2]).toEqual({ id: 'C', text: '未发布的财报' });
  });

  it('names a problem of shape by its key path', () => {
    expect(problemsOf(() => parseQuizFile(QUIZ.replace('timeLimit: 15', 'timeLimit: 0'), ZONE))).toEqual(['timeLimit: expected minutes from 1 to 600']);
  });

  it('checks answers against the options once the shape is right', () => {
    const bad = QUIZ.replace('answer: B', 'kind: single\n    answer: [A, B]').replace('answer: [C, A]', 'answer: [D]');
    expect(problemsOf(() => parseQuizFile(bad, ZONE))).toEqual([
      'questions[0].answer: a single-choice question has exactly one answer',
      'questions[1].answer: D is not an option (A–C)',
    ]);
  });

  it('refuses unknown keys and a window that closes before it opens', () => {
    const bad = QUIZ.replace('timeLimit: 15', 'timeLimit: 15\nshuffle: true').replace('closes: 2026-11-27T22:00', 'closes: 2026-11-22T22:00');
    expect(problemsOf(() => parseQuizFile(bad, ZONE))).toEqual(['shuffle: unknown key']);
    expect(problemsOf(() => parseQuizFile(QUIZ.replace('2026-11-27T22:00', '2026-11-22T22:00'), ZONE))).toEqual(['closes: must be after opens']);
  });
});

describe('readQuizWorkbook', () => {
  async function workbook(answer: string): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('quiz');
    sheet.addRow(['id', 'title', 'timeLimit', 'opens', 'closes', 'question', 'kind', 'points', 'A', 'B', 'C', 'answer']);
    sheet.addRow(['week3-prompt', '第三周小测', 15, '2026-11-23T09:00', '2026-11-27T22:00', '哪种写法最好？', '单选', 10, '只说请简洁', '给出示例', '调高温度', 'B']);
    sheet.addRow(['', '', '', '', '', '哪些不能外传？', '多选', 20, '客户名单', '产品手册', '未发布财报', answer]);
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  it('reads the same quiz as the YAML form', async () => {
    const quiz = await readQuizWorkbook(await workbook('A,C'), ZONE);
    expect(quiz.timeLimitMinutes).toBe(15);
    expect(quiz.questions.map((q) => [q.kind, q.points, q.answer, q.options.length])).toEqual([
      ['single', 10, ['B'], 3],
      ['multiple', 20, ['A', 'C'], 3],
    ]);
  });

  it('names the sheet row of a bad question', async () => {
    await expect(readQuizWorkbook(await workbook('AX'), ZONE)).rejects.toMatchObject({
      problems: ['questions[1].answer: X is not an option (A–C)（第 3 行）'],
    });
  });
});
