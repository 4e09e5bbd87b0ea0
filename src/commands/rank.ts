import { joinMarkdown, md } from '../bot/markdown.js';
import { formatScore } from '../scoring/round.js';
import type { StandingRow } from '../scoring/standings.js';
import type { CommandSpec } from './command-spec.js';
import { learnerLabel } from './format-metrics.js';
import { parseWholeNumber } from './parse-values.js';

const DEFAULT_TOP = 10;
const MAX_TOP = 50;

/** `/rank [n]` — the top n by composite with competition ranks; a learner also sees their own line (bold in markdown). */
export const rankCommand: CommandSpec = {
  name: 'rank',
  aliases: ['排行'],
  roles: 'all',
  usage: `/rank [人数，默认 ${DEFAULT_TOP}，最多 ${MAX_TOP}]`,
  example: '/排行 20',
  summary: '综合分排行榜',
  async run(ctx, [count]) {
    const top = count === undefined ? DEFAULT_TOP : parseWholeNumber(count, 1, MAX_TOP, '人数');
    const { rows } = await ctx.standings();
    if (rows.length === 0) return '本营还没有学员名单';
    const me = ctx.user.userid;
    const line = (row: StandingRow): string => `${row.rank}. ${learnerLabel(row)} ${formatScore(row.composite)}${row.userid === me ? ' ← 你' : ''}`;
    const shown = rows.slice(0, top);
    const mine = rows.findIndex((row) => row.userid === me);
    const listed = mine >= top ? [...shown, null, rows[mine]!] : shown;
    const head = `综合分排行（前 ${shown.length} / ${rows.length} 人）`;
    const text = [head, ...listed.map((row) => (row ? line(row) : '…'))].join('\n');
    const markdown = joinMarkdown([md`${head}`, ...listed.map((row) => (row?.userid === me ? md`**${line(row)}**` : md`${row ? line(row) : '…'}`))]);
    return { text, markdown };
  },
};
