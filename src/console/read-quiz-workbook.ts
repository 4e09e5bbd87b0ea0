import { ValidationError } from '../errors.js';
import { readTableBytes } from '../import/read-table-bytes.js';
import type { TableRow } from '../import/table-row.js';
import { OPTION_IDS, type QuizDefinition } from './quiz-definition.js';
import { validateQuiz } from './parse-quiz-file.js';

const KIND_WORDS: Record<string, string> = { 单选: 'single', 多选: 'multiple' };

/**
 * Reads a quiz workbook: one table on the first sheet with the header
 * `id,title,timeLimit,opens,closes,question,kind,points,A,B,…,H,answer`; the quiz's own fields are read from the
 * first data row, every row is one question (kind 单选/多选 or single/multiple). Problems name the same key paths as
 * the YAML form, each with its sheet row.
 */
export async function readQuizWorkbook(content: Buffer, timeZone: string): Promise<QuizDefinition> {
  const { rows } = await readTableBytes('quiz.xlsx', content);
  const first = rows[0];
  if (!first) throw new ValidationError('测验表没有数据行：表头是 id,title,timeLimit,opens,closes,question,kind,points,A,…,answer');
  const raw = {
    id: first.values.id,
    title: first.values.title,
    timeLimit: Number(first.values.timelimit),
    opens: first.values.opens,
    closes: first.values.closes,
    questions: rows.map(({ values }) => ({
      text: values.question,
      kind: KIND_WORDS[values.kind ?? ''] ?? (values.kind || undefined),
      points: values.points ? Number(values.points) : undefined,
      options: OPTION_IDS.map((id) => values[id.toLowerCase()] ?? '').filter((option) => option !== ''),
      answer: values.answer,
    })),
  };
  try {
    return validateQuiz(raw, timeZone);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(error.message, error.problems.map((problem) => withLine(problem, rows)));
  }
}

function withLine(problem: string, rows: readonly TableRow[]): string {
  const index = /^questions\[(\d+)\]/.exec(problem)?.[1];
  const line = rows[index === undefined ? 0 : Number(index)]?.line;
  return line === undefined ? problem : `${problem}（第 ${line} 行）`;
}
