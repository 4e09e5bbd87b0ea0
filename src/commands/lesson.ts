import type { RosterEntry } from '../db/roster-store.js';
import { learnersOf } from '../db/roster-store.js';
import { UsageError } from '../errors.js';
import type { CommandContext, CommandSpec } from './command-spec.js';
import { liveEvents, openSession } from '../db/ledger-queries.js';
import { parseWholeNumber } from './parse-values.js';
import { resolveUser } from './resolve-user.js';

const ALL = new Set(['all', '全部', '所有人', '全体']);

/** The open session, or else the one closed last (trainers often mark lessons right after closing). */
async function currentSession(ctx: CommandContext): Promise<string | null> {
  const open = await openSession(ctx.db, ctx.campId);
  return open?.ref ?? (await liveEvents(ctx.db, ctx.campId, 'session')).at(-1)?.ref ?? null;
}

async function presentLearners(ctx: CommandContext): Promise<{ userid: string; name: string }[]> {
  const session = { ref: await currentSession(ctx) };
  if (!session.ref) throw new UsageError('还没有课次，无法用 all（all = 当前或刚结束课次已签到的学员）');
  const present = new Set((await liveEvents(ctx.db, ctx.campId, 'checkin', { ref: session.ref })).map((e) => e.userid));
  const learners = (await learnersOf(ctx.db, ctx.campId)).filter((learner) => present.has(learner.userid));
  if (learners.length === 0) throw new UsageError(`课次「${session.ref}」还没有人签到`);
  return learners;
}

async function namedLearners(ctx: CommandContext, words: string[]): Promise<{ userid: string; name: string }[]> {
  if (words.length === 0) throw new UsageError('缺少学员（@张三 或 all）');
  if (words.length === 1 && ALL.has(words[0]!.toLowerCase())) return presentLearners(ctx);
  const byId = new Map<string, RosterEntry>();
  for (const word of words) {
    const learner = await resolveUser(ctx, word, 'learner');
    byId.set(learner.userid, learner);
  }
  return [...byId.values()];
}

/** `/lesson @user… <n>` — lesson n completed for the named learners, or `all` checked in to the open session. */
export const lessonCommand: CommandSpec = {
  name: 'lesson',
  aliases: ['进度'],
  roles: ['trainer'],
  usage: '/lesson @学员… <第几课> | /lesson all <第几课>',
  example: '/进度 @张三 @李四 3',
  summary: '记录学员完成第 n 课（all = 当前或刚结束课次已签到的人）',
  async run(ctx, args) {
    const lesson = parseWholeNumber(args.at(-1), 1, ctx.camp.lessons, '课程编号');
    const learners = await namedLearners(ctx, args.slice(0, -1));
    const recorded: string[] = [];
    const already: string[] = [];
    for (const learner of learners) {
      const done = (await liveEvents(ctx.db, ctx.campId, 'lesson', { userid: learner.userid })).some((e) => e.num === lesson);
      if (done) {
        already.push(learner.name);
        continue;
      }
      const event = await ctx.record({ type: 'lesson', userid: learner.userid, num: lesson });
      recorded.push(`${learner.name} #${event.id}`);
    }
    const parts = [recorded.length > 0 ? `第 ${lesson} 课完成，已记录：${recorded.join('、')}` : `第 ${lesson} 课：没有新记录`];
    if (already.length > 0) parts.push(`已有记录（未重复）：${already.join('、')}`);
    return parts.join('；');
  },
};
