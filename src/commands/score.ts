import type { CountMetricName } from '../camp/camp-config.js';
import { UsageError } from '../errors.js';
import type { CommandContext, CommandSpec } from './command-spec.js';
import { parsePoints, parseScore } from './parse-values.js';
import { resolveUser } from './resolve-user.js';

const POINT_METRICS: Record<string, CountMetricName> = {
  project: 'project',
  项目: 'project',
  practice: 'practice',
  实践: 'practice',
  participation: 'participation',
  参与: 'participation',
};
const EXAM = new Set(['exam', '考试']);
const METRIC_LABEL: Record<CountMetricName, string> = { project: '项目分', practice: '实践分', participation: '参与分' };
const EXAM_NAME = /^[\p{L}\p{N}_.-]{1,30}$/u;

function examName(metric: string): string | null {
  const [head, ...rest] = metric.split(/[:：]/u);
  if (!EXAM.has((head ?? '').toLowerCase())) return null;
  const name = rest.join(':') || 'final';
  if (!EXAM_NAME.test(name)) throw new UsageError(`考试名称「${name}」无效`);
  return name;
}

async function recordExam(ctx: CommandContext, exam: string, args: string[]): Promise<string> {
  const [who, value, ...reason] = args;
  if (who === undefined) throw new UsageError('缺少学员');
  const learner = await resolveUser(ctx, who, 'learner');
  const score = parseScore(value);
  const event = await ctx.record({ type: 'exam', userid: learner.userid, num: score, ref: exam, note: reason.join(' ') || null });
  return `已记录 #${event.id}：${learner.name} 考试「${exam}」${score} 分`;
}

async function recordPoints(ctx: CommandContext, metric: CountMetricName, args: string[]): Promise<string> {
  const [who, value, ...reason] = args;
  if (who === undefined) throw new UsageError('缺少学员');
  const learner = await resolveUser(ctx, who, 'learner');
  const points = parsePoints(value);
  const event = await ctx.record({ type: metric, userid: learner.userid, num: points, note: reason.join(' ') || null });
  return `已记录 #${event.id}：${learner.name} ${METRIC_LABEL[metric]} ${points > 0 ? '+' : ''}${points}`;
}

/** `/score exam[:name] @user <0-100> [reason]`, `/score project|practice|participation @user +n [reason]`. */
export const scoreCommand: CommandSpec = {
  name: 'score',
  aliases: ['记分'],
  roles: ['trainer'],
  usage: '/score exam[:名称] @学员 <0-100> [原因] | /score project|practice|participation @学员 +n [原因]',
  example: '/记分 exam @张三 88',
  summary: '记录考试成绩，或给项目/实践/参与加减分',
  async run(ctx, [metric, ...rest]) {
    if (metric === undefined) throw new UsageError('缺少指标（exam、project、practice、participation）');
    const exam = examName(metric);
    if (exam !== null) return recordExam(ctx, exam, rest);
    const points = POINT_METRICS[metric.toLowerCase()];
    if (points) return recordPoints(ctx, points, rest);
    throw new UsageError(`不能记分的指标「${metric}」，可用 exam、project、practice、participation`);
  },
};
