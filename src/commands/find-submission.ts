import { UsageError } from '../errors.js';
import type { CommandContext } from './command-spec.js';
import { assignmentById, eventById, liveEvents, revocationOf, type LedgerRow } from '../db/ledger-queries.js';
import { parseEventId } from './parse-values.js';
import { isMention, resolveUser } from './resolve-user.js';

/** A submission named by a command and the words after its name. */
export interface NamedSubmission {
  submission: LedgerRow & { userid: string; ref: string };
  rest: string[];
}

async function byId(ctx: CommandContext, id: number): Promise<NamedSubmission['submission']> {
  const event = await eventById(ctx.db, ctx.campId, id);
  if (!event || event.type !== 'submission' || !event.userid || !event.ref) throw new UsageError(`#${id} 不是本营的作业提交`);
  if (await revocationOf(ctx.db, ctx.campId, id)) throw new UsageError(`提交 #${id} 已被撤销`);
  return event as NamedSubmission['submission'];
}

async function byAuthor(ctx: CommandContext, assignment: string, authorWord: string): Promise<NamedSubmission['submission']> {
  if (!(await assignmentById(ctx.db, ctx.campId, assignment))) throw new UsageError(`没有作业「${assignment}」`);
  const author = await resolveUser(ctx, authorWord, 'learner');
  const latest = (await liveEvents(ctx.db, ctx.campId, 'submission', { userid: author.userid, ref: assignment })).at(-1);
  if (!latest) throw new UsageError(`${author.name} 还没有提交作业「${assignment}」`);
  return latest as NamedSubmission['submission'];
}

/**
 * Reads `<submission>` from the front of args: a submission event id (`#42`, `42`) or `<assignment> @author`
 * (that author's latest submission of the assignment).
 * @example await findSubmission(ctx, ['a1', '@张三', '90']) // { submission: { id: 42, … }, rest: ['90'] }
 */
export async function findSubmission(ctx: CommandContext, args: string[]): Promise<NamedSubmission> {
  const [first, second] = args;
  if (first === undefined) throw new UsageError('缺少提交编号（如 #42）或「作业 @作者」');
  if (second !== undefined && isMention(second)) return { submission: await byAuthor(ctx, first, second), rest: args.slice(2) };
  const id = parseEventId(first);
  if (id !== undefined) return { submission: await byId(ctx, id), rest: args.slice(1) };
  if (second !== undefined) return { submission: await byAuthor(ctx, first, second), rest: args.slice(2) };
  throw new UsageError(`「${first}」不是提交编号（如 #42），也没有写作者（如 a1 @张三）`);
}
