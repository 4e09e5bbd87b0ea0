import { METRIC_NAMES, weightsOf, type CampConfig, type MetricName } from '../camp/camp-config.js';
import { validateWeights } from '../camp/validate-weights.js';
import { saveCamp } from '../db/camp-store.js';
import { UsageError, ValidationError } from '../errors.js';
import { effectiveWeights } from '../scoring/effective-weights.js';
import type { CommandSpec } from './command-spec.js';
import { liveEvents } from '../db/ledger-queries.js';

const METRIC_ALIASES: Record<string, MetricName> = {
  完成度: 'completion',
  出勤: 'attendance',
  考试: 'exam',
  作业: 'assignment',
  项目: 'project',
  实践: 'practice',
  参与: 'participation',
};

function metricOf(key: string): MetricName {
  const lower = key.toLowerCase();
  const metric = (METRIC_NAMES as readonly string[]).includes(lower) ? (lower as MetricName) : METRIC_ALIASES[key];
  if (!metric) throw new UsageError(`没有指标「${key}」，可用 ${METRIC_NAMES.join('、')}`);
  return metric;
}

function parseWeights(args: string[]): Partial<Record<MetricName, number>> {
  if (args.length === 0) throw new UsageError('缺少权重（如 exam=40 project=5）');
  const weights: Partial<Record<MetricName, number>> = {};
  for (const word of args) {
    const m = /^([^=＝:：]+)[=＝:：](.+)$/u.exec(word);
    if (!m) throw new UsageError(`「${word}」应写成 指标=权重`);
    const metric = metricOf(m[1]!);
    const value = /^\d+(?:\.\d{1,2})?$/.test(m[2]!) ? Number(m[2]) : Number.NaN;
    if (!(value >= 0 && value <= 100)) throw new UsageError(`${metric} 的权重须为 0–100 的数，收到 ${m[2]}`);
    weights[metric] = value;
  }
  return weights;
}

function describe(weights: Record<MetricName, number>): string {
  return METRIC_NAMES.filter((metric) => weights[metric] > 0).map((metric) => `${metric}=${weights[metric]}`).join(' ');
}

/** `/weights k=v …` — change metric weights (all weights must still sum to 100). */
export const weightsCommand: CommandSpec = {
  name: 'weights',
  aliases: ['权重'],
  roles: ['trainer'],
  usage: '/weights 指标=权重 …（调整后合计须为 100）',
  example: '/权重 exam=25 project=20',
  summary: '调整各指标权重',
  async run(ctx, args) {
    const current = effectiveWeights(ctx.camp, (await liveEvents(ctx.db, ctx.campId, 'weights')).at(-1)?.text ?? null);
    const changes = parseWeights(args);
    const wanted = { ...current, ...changes };
    const sum = Math.round(METRIC_NAMES.reduce((total, metric) => total + wanted[metric], 0) * 100) / 100;
    if (sum !== 100) throw new UsageError(`调整后权重合计为 ${sum}，须为 100（当前：${describe(current)}）`);
    let updated: CampConfig;
    try {
      updated = validateWeights(wanted, ctx.camp);
    } catch (error) {
      if (error instanceof ValidationError) throw new UsageError(`权重无效：${error.problems.join('；')}`);
      throw error;
    }
    const weights = weightsOf(updated.metrics);
    const event = await ctx.record({ type: 'weights', text: JSON.stringify(weights) });
    await saveCamp(ctx.db, updated, ctx.now);
    return `权重已更新：${describe(weights)}，已记录 #${event.id}`;
  },
};
