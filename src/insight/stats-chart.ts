import { renderBarChart } from '../render/bar-chart-png.js';
import type { CampStats } from './compute-camp-stats.js';

/**
 * PNG bar chart of the mean composite per department (1200×700), for `/stats`.
 * @example writeFileSync('stats.png', statsChartPng(stats, '人工智能应用结业营'))
 */
export function statsChartPng(stats: CampStats, campName: string): Buffer {
  return renderBarChart({
    title: `${campName} · 各部门平均综合分`,
    labels: stats.byDepartment.map((g) => `${g.label}（${g.learners}人）`),
    series: [{ name: '平均综合分', values: stats.byDepartment.map((g) => g.meanComposite) }],
    yMax: 100,
  });
}
