import YAML from 'yaml';
import { z } from 'zod';
import { describeIssues } from '../camp/key-path.js';
import { isDateOrDateTime, zonedTimeToUtcMs } from '../camp/time-zone.js';
import { ValidationError } from '../errors.js';
import { OPTION_IDS, type QuizDefinition, type QuizQuestionDefinition } from './quiz-definition.js';

const text = z.string({ error: 'expected text' }).trim().min(1, { error: 'must not be empty' });
const when = z
  .string({ error: 'expected a date-time like 2026-11-23T09:00' })
  .refine((value) => /[T ]\d{2}:\d{2}/.test(value) && isDateOrDateTime(value), { error: 'expected a date-time like 2026-11-23T09:00' });
const letters = z.string().trim().toUpperCase();

const questionSchema = z.strictObject({
  id: z.string().regex(/^[\w-]{1,40}$/, { error: 'expected letters, digits, - or _' }).optional(),
  text,
  kind: z.enum(['single', 'multiple'], { error: 'expected single or multiple' }).optional(),
  points: z.number({ error: 'expected a number from 0.5 to 100' }).min(0.5).max(100).optional(),
  options: z.array(text, { error: 'expected a list' }).min(2, { error: 'needs 2 to 8 options' }).max(8, { error: 'needs 2 to 8 options' }),
  answer: z.union([letters, z.array(letters).min(1, { error: 'must not be empty' })], { error: 'expected a letter or a list of letters' }),
});

const quizSchema = z.strictObject({
  id: z.string({ error: 'expected text' }).regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: 'expected lower-case letters, digits and -' }),
  title: text,
  timeLimit: z.number({ error: 'expected minutes from 1 to 600' }).int().min(1).max(600),
  opens: when,
  closes: when,
  questions: z.array(questionSchema, { error: 'expected a list' }).min(1, { error: 'needs at least one question' }).max(200),
});

type RawQuiz = z.infer<typeof quizSchema>;

/** Validates a quiz already read from YAML or a workbook; every problem as `key.path: what`. */
export function validateQuiz(raw: unknown, timeZone: string): QuizDefinition {
  const parsed = quizSchema.safeParse(raw);
  if (!parsed.success) throw invalid(describeIssues(parsed.error.issues, raw));
  const problems: string[] = [];
  const quiz = build(parsed.data, timeZone, problems);
  if (problems.length > 0) throw invalid(problems);
  return quiz;
}

/**
 * Parses a quiz YAML file (single- and multiple-choice questions, answer keys, points, time limit, open window in the
 * camp's time zone unless an offset is given).
 * @example parseQuizFile(yamlText, 'Asia/Shanghai').questions[0].answer // ['B']
 */
export function parseQuizFile(yamlText: string, timeZone: string): QuizDefinition {
  const doc = YAML.parseDocument(yamlText, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw invalid(doc.errors.map((error) => `line ${error.linePos?.[0]?.line ?? '?'}: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`));
  }
  return validateQuiz(doc.toJS({ maxAliasCount: 100 }), timeZone);
}

function build(raw: RawQuiz, timeZone: string, problems: string[]): QuizDefinition {
  const opensAt = instant(raw.opens, timeZone);
  const closesAt = instant(raw.closes, timeZone);
  if (closesAt <= opensAt) problems.push('closes: must be after opens');
  const seen = new Set<string>();
  const questions = raw.questions.map((question, index) => {
    const built = buildQuestion(question, index, problems);
    if (seen.has(built.id)) problems.push(`questions[${index}].id: duplicate id "${built.id}"`);
    seen.add(built.id);
    return built;
  });
  return { id: raw.id, title: raw.title, timeLimitMinutes: raw.timeLimit, opensAt, closesAt, questions };
}

function buildQuestion(raw: RawQuiz['questions'][number], index: number, problems: string[]): QuizQuestionDefinition {
  const options = raw.options.map((optionText, i) => ({ id: OPTION_IDS[i]!, text: optionText }));
  const answer = [...new Set(Array.isArray(raw.answer) ? raw.answer : [...raw.answer.replace(/[\s,，、]/g, '')])].sort();
  const kind = raw.kind ?? (answer.length > 1 ? 'multiple' : 'single');
  const where = `questions[${index}].answer`;
  const unknown = answer.filter((id) => !options.some((option) => option.id === id));
  if (unknown.length > 0) problems.push(`${where}: ${unknown.join(', ')} is not an option (A–${options.at(-1)!.id})`);
  if (kind === 'single' && answer.length !== 1) problems.push(`${where}: a single-choice question has exactly one answer`);
  return { id: raw.id ?? `q${index + 1}`, kind, text: raw.text, points: raw.points ?? 1, options, answer };
}

function instant(localOrOffset: string, timeZone: string): number {
  return zonedTimeToUtcMs(localOrOffset.replace(' ', 'T'), timeZone);
}

function invalid(problems: string[]): ValidationError {
  return new ValidationError(`测验文件有 ${problems.length} 处错误`, problems);
}
