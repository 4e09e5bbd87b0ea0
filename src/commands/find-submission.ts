import { UsageError } from '../errors.js';
import type { CommandContext } from './command-spec.js';
import { assignmentById, eventById, liveEvents, revocationOf, type LedgerRow } from './ledger-queries.js';
import { parseEventId } from './parse-values.js';
import { isMention, resolveUser } from './resolve-user.js';

/** A submission named by a command and the words after its name. */
export interface NamedSubmission {
  submission: LedgerRow & { userid: string; ref: string };
  rest: string[];
}

function byId(ctx: CommandContext, id: number): NamedSubmission['submission'] {
  const event = eventById(ctx.sqlite, ctx.campId, id);
  if (!event || event.type !== 'submission' || !event.userid || !event.ref) throw new UsageError(`#${id} 不是本营的作业提交`);
  if (revocationOf(ctx.sqlite, ctx.campId, id)) throw new UsageError(`提交 #${id} 已被撤销`);
  return event as NamedSubmission['submission'];
}

function byAuthor(ctx: CommandContext, assignment: string, authorWord: string): NamedSubmission['submission'] {
  if (!assignmentById(ctx.sqlite, ctx.campId, assignment)) throw new UsageError(`没有作业「${assignment}」`);
  const author = resolveUser(ctx, authorWord, 'learner');
  const latest = liveEvents(ctx.sqlite, ctx.campId, 'submission', { userid: author.userid, ref: assignment }).at(-1);
  if (!latest) throw new UsageError(`${author.name} 还没有提交作业「${assignment}」`);
  return latest as NamedSubmission['submission'];
}

/**
 * Reads `<submission>` from the front of args: a submission event id (`#42`, `42`) or `<assignment> @author`
 * (that author's latest submission of the assignment).
 * @example findSubmission(ctx, ['a1', '@张三', '90']) // { submission: { id: 42, … }, rest: ['90'] }
 */
export function findSubmission(ctx: CommandContext, args: string[]): NamedSubmission {
  const [first, second] = args;
  if (first === undefined) throw new UsageError('缺少提交编号（如 #42）或「作业 @作者」');
  if (second !== undefined && isMention(second)) return { submission: byAuthor(ctx, first, second), rest: args.slice(2) };
  const id = parseEventId(first);
  if (id !== undefined) return { submission: byId(ctx, id), rest: args.slice(1) };
  if (second !== undefined) return { submission: byAuthor(ctx, first, second), rest: args.slice(2) };
  throw new UsageError(`「${first}」不是提交编号（如 #42），也没有写作者（如 a1 @张三）`);
}
