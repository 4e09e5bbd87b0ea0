import { dedupeKey } from '../bot/inbound-message.js';
import { enqueueOutbound } from '../outbox/enqueue-outbound.js';
import { inlineMedia } from '../outbox/outbox-payload.js';
import { buildStatsReport } from '../insight/build-stats-report.js';
import { loadInsight } from '../insight/load-insight.js';
import { statsChartPng } from '../insight/stats-chart.js';
import { statsText } from '../insight/stats-text.js';
import { formatScore } from '../scoring/round.js';
import { answerPrivately } from './answer-privately.js';
import type { CommandSpec } from './command-spec.js';

/**
 * `/stats` — a short summary for trainers (distribution by department and tenure, team means, coverage, learners at
 * risk, award ideas), plus a chart of the mean composite per department sent to the asker through the app. Asked in
 * a group, the summary (it names learners and their projections) goes privately too; the group sees only totals.
 */
export const statsCommand: CommandSpec = {
  name: 'stats',
  aliases: ['统计'],
  roles: ['trainer'],
  usage: '/stats',
  example: '/统计',
  summary: '统计：部门与司龄分布、团队均值、预计无缘奖项的学员',
  async run(ctx) {
    const inputs = await loadInsight(ctx.db, ctx.campId, ctx.now);
    const report = buildStatsReport(inputs);
    const png = statsChartPng(report.stats, ctx.camp.name);
    await enqueueOutbound(ctx.db, {
      campId: ctx.campId,
      kind: 'app',
      payload: { touser: [ctx.user.userid], message: { msgtype: 'image', media: inlineMedia('stats.png', png) } },
      dedupeKey: `stats-chart:${dedupeKey(ctx.message)}`,
    }, ctx.now);
    const { learners, meanComposite } = report.stats;
    const totals = `📊 ${ctx.camp.name}：学员 ${learners} 人，平均综合分 ${formatScore(meanComposite)}，预计无缘奖项 ${report.atRisk.length} 人`;
    const text = `${statsText(report, ctx.camp, { winnersSource: inputs.winnersSource })}\n📈 各部门平均综合分图表已私信发送给你`;
    return answerPrivately(ctx, 'stats', text, `${totals}\n🔒 完整统计（含学员名单与预测）和图表已私信发给你`);
  },
};
