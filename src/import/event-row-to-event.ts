import { zonedTimeToUtcMs } from '../camp/time-zone.js';
import type { NewEvent } from '../db/event-types.js';
import { IMPORT_TYPES, type EventRow, type EventRowContext, type ImportType, type RowResult } from './event-row.js';

type Fields = Omit<NewEvent, 'source' | 'dedupeKey'>;
type Check = (row: EventRow, ctx: EventRowContext) => string | Partial<Fields>;

const needLearner = (row: EventRow, ctx: EventRowContext): string | null => {
  if (!row.userid) return 'userid 为空';
  return ctx.learners.has(row.userid) ? null : `userid "${row.userid}" 不是本营学员`;
};

function numberIn(value: string, min: number, max: number, what: string): number | string {
  const n = value === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(n)) return `value "${value}" 不是数字（${what}）`;
  return n < min || n > max ? `value ${value} 超出范围 ${min}–${max}（${what}）` : n;
}

const needAssignmentId = (row: EventRow): string | null => (row.ref ? null : 'ref 为空（应为作业 id）');

function scored(row: EventRow, ctx: EventRowContext, what: string): string | Partial<Fields> {
  const problem = needLearner(row, ctx) ?? needAssignmentId(row);
  if (problem) return problem;
  const num = numberIn(row.value, 0, 100, what);
  return typeof num === 'string' ? num : { userid: row.userid, num, ref: row.ref, text: row.note || null };
}

function points(row: EventRow, ctx: EventRowContext): string | Partial<Fields> {
  const problem = needLearner(row, ctx);
  if (problem) return problem;
  const num = numberIn(row.value, -1_000_000, 1_000_000, '分数');
  return typeof num === 'string' ? num : { userid: row.userid, num, note: row.note || null };
}

const CHECKS: Record<ImportType, Check> = {
  lesson: (row, ctx) => {
    const problem = needLearner(row, ctx);
    if (problem) return problem;
    const num = numberIn(row.value, 1, ctx.lessons, '课次');
    if (typeof num === 'string') return num;
    return Number.isInteger(num) ? { userid: row.userid, num } : `value ${row.value} 不是整数课次`;
  },
  session: (row) => (row.ref ? { ref: row.ref } : 'ref 为空（应为课次名称）'),
  checkin: (row, ctx) => needLearner(row, ctx) ?? (row.ref ? { userid: row.userid, ref: row.ref } : 'ref 为空（应为课次名称）'),
  exam: (row, ctx) => {
    const problem = needLearner(row, ctx);
    if (problem) return problem;
    const num = numberIn(row.value, 0, 100, '考试成绩');
    return typeof num === 'string' ? num : { userid: row.userid, num, ref: row.ref || 'final' };
  },
  project: points,
  practice: points,
  participation: points,
  assignment: (row) => (row.ref ? { ref: row.ref, text: row.value || null, note: row.note || null } : 'ref 为空（应为作业 id）'),
  submission: (row, ctx) => {
    const problem = needLearner(row, ctx) ?? needAssignmentId(row);
    if (problem) return problem;
    return row.value ? { userid: row.userid, text: row.value, ref: row.ref } : 'value 为空（应为链接或文字）';
  },
  grade: (row, ctx) => scored(row, ctx, '批改成绩'),
  review: (row, ctx) => {
    if (!ctx.learners.has(row.actor)) return `actor "${row.actor}" 不是本营学员（互评人须为学员）`;
    if (row.actor === row.userid) return '不能给自己互评（actor = userid）';
    return scored(row, ctx, '互评成绩');
  },
};

/** When the row happened: ISO with offset, or local time in the camp zone; empty means now. */
function rowTime(row: EventRow, ctx: EventRowContext): number | string {
  if (!row.at) return ctx.now;
  const ms = zonedTimeToUtcMs(row.at, ctx.timeZone);
  if (Number.isNaN(ms)) return `at "${row.at}" 不是有效时间（ISO 8601，例如 2026-11-20T09:30+08:00）`;
  return ms > ctx.now ? `at "${row.at}" 在未来` : ms;
}

/**
 * Validates one CSV row (SPEC §5 table) and maps it to ledger columns (ARCHITECTURE.md), or names its problem.
 * Whether a row's assignment exists is `missingAssignment`'s question: it may be created further down the file.
 * @example eventRowToEvent({ line: 2, type: 'exam', userid: 'u1', value: '88', at: '', ref: '', actor: '', note: '', extra: 0 }, ctx)
 */
export function eventRowToEvent(row: EventRow, ctx: EventRowContext): RowResult {
  if (row.extra > 0) return { problem: '列数多于表头（多余的逗号？）' };
  if (!(IMPORT_TYPES as readonly string[]).includes(row.type)) {
    return { problem: `type "${row.type}" 未知（应为 ${IMPORT_TYPES.join('|')}）` };
  }
  const checked = CHECKS[row.type as ImportType](row, ctx);
  if (typeof checked === 'string') return { problem: checked };
  const happenedAt = rowTime(row, ctx);
  if (typeof happenedAt === 'string') return { problem: happenedAt };
  const actor = row.actor || 'import';
  return { event: { campId: ctx.campId, type: row.type as ImportType, actor, happenedAt, note: null, ...checked } };
}

const ASSIGNMENT_WORK: ReadonlySet<string> = new Set(['submission', 'grade', 'review']);

/** The problem of a submission, grade or review whose assignment is not among `assignments`; null otherwise. */
export function missingAssignment(event: { type: string; ref?: string | null }, assignments: ReadonlySet<string>): string | null {
  if (!ASSIGNMENT_WORK.has(event.type) || assignments.has(event.ref ?? '')) return null;
  return `作业 "${event.ref}" 不存在`;
}
