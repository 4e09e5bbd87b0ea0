import { localDateOf } from '../camp/time-zone.js';
import { loadCampWideFacts, loadFactsForLearner } from '../db/load-facts.js';
import { learnersOf } from '../db/roster-store.js';
import { UsageError } from '../errors.js';
import type { ExplainedFact } from '../scoring/explain-facts.js';
import { explainLearner, type MetricExplanation } from '../scoring/explain-learner.js';
import { formatScore } from '../scoring/round.js';
import type { StandingRow, Standings } from '../scoring/standings.js';
import { answerPrivately } from './answer-privately.js';
import type { CommandContext, CommandSpec } from './command-spec.js';
import { metricLine } from './format-metrics.js';
import { resolveUser } from './resolve-user.js';

const SHOWN_PER_METRIC = 3;

/** A fact in words; a peer review names its reviewer only when `showReviewer` (trainers, in private). */
function factValue(fact: ExplainedFact, showReviewer: boolean): string {
  const value = typeof fact.value === 'number' ? formatScore(fact.value) : (fact.value ?? '');
  switch (fact.type) {
    case 'lesson': return `第 ${fact.value} 课`;
    case 'checkin': return `签到「${fact.ref}」`;
    case 'exam': return `考试「${fact.ref}」${value}`;
    case 'submission': return `提交「${fact.ref}」`;
    case 'grade': return `老师评分「${fact.ref}」${value}`;
    case 'review': return `互评「${fact.ref}」${value}${showReviewer ? `（${fact.actor}）` : ''}`;
    default: return typeof fact.value === 'number' && fact.value > 0 ? `+${value}` : value;
  }
}

function metricBlock(ctx: CommandContext, standings: Standings, row: StandingRow, explanation: MetricExplanation, showReviewer: boolean): string[] {
  const facts = explanation.facts;
  const shown = facts.slice(-SHOWN_PER_METRIC).map((fact) => {
    const mark = fact.counted ? '✓' : '✗';
    const note = fact.note ? ` ${fact.note}` : '';
    return `  #${fact.id} ${localDateOf(fact.at, ctx.camp.timezone).slice(5)} ${factValue(fact, showReviewer)} ${mark}${note}`;
  });
  const more = facts.length > SHOWN_PER_METRIC ? [`  …另有 ${facts.length - SHOWN_PER_METRIC} 条更早的记录`] : [];
  return [`【${metricLine(standings, row, explanation.metric)}】`, ...(facts.length ? [...more, ...shown] : ['  暂无记录'])];
}

async function target(ctx: CommandContext, word: string | undefined): Promise<{ userid: string; name: string; team: string | null }> {
  const isTrainer = ctx.user.roles.includes('trainer');
  if (word === undefined) {
    if (!ctx.user.roles.includes('learner')) throw new UsageError('请指定学员，例如 /明细 @张三');
    return { userid: ctx.user.userid, name: ctx.user.name, team: null };
  }
  const learner = await resolveUser(ctx, word, 'learner');
  if (learner.userid !== ctx.user.userid && !isTrainer) throw new UsageError('学员只能查看自己的明细');
  return learner;
}

/**
 * `/why [@user]` — the events behind each metric (learners: their own; trainers: anyone's). Peer reviewers are named
 * to trainers only, and anything about someone else or naming reviewers is answered privately when asked in a group.
 */
export const whyCommand: CommandSpec = {
  name: 'why',
  aliases: ['明细'],
  roles: ['learner', 'trainer'],
  usage: '/why [@学员]（学员只能看自己）',
  example: '/明细 @张三',
  summary: '查看每项指标背后的记录',
  async run(ctx, [word]) {
    const who = await target(ctx, word);
    const standings = await ctx.standings();
    const row = standings.rows.find((candidate) => candidate.userid === who.userid);
    if (!row) throw new UsageError(`${who.name} 不在本营学员名单中`);
    const facts = [
      ...(await loadFactsForLearner(ctx.db, ctx.campId, who.userid, ctx.now)),
      ...(await loadCampWideFacts(ctx.db, ctx.campId, who.userid, ctx.now)),
    ];
    const learners = await learnersOf(ctx.db, ctx.campId);
    const learner = learners.find((candidate) => candidate.userid === who.userid) ?? { ...who, department: null };
    const explanation = explainLearner({ config: ctx.camp, learner, learners, facts, asOf: ctx.now });
    const showReviewer = ctx.user.roles.includes('trainer');
    const blocks = explanation.metrics.flatMap((metric) => metricBlock(ctx, standings, row, metric, showReviewer));
    const text = [`${row.name} 的计分明细（综合分 ${formatScore(row.composite)}，第 ${row.rank} 名；✓ 计入 ✗ 不计）`, ...blocks].join('\n');
    if (who.userid === ctx.user.userid && !showReviewer) return text;
    return answerPrivately(ctx, 'why', text, '🔒 计分明细已私信发给你（个人明细不在群里公开）');
  },
};
