import type { CampConfig } from '../camp/camp-config.js';
import { round2 } from '../scoring/round.js';
import type { Standings } from '../scoring/standings.js';
import type { Winner } from '../scoring/winner.js';
import { formatLocalTime } from '../camp/time-zone.js';
import type { PrizeClaim } from '../db/prize-claims.js';
import { metricKeysOf } from './metric-keys.js';
import { labelOf } from './value-labels.js';

export type Cell = string | number | null;

/** One sheet (XLSX) or file (CSV): Chinese headers and plain values, no formulas. */
export interface Table {
  name: string;
  header: string[];
  rows: Cell[][];
}

/** An award row to export: a published winner, or a preview winner (no certificate yet). */
export type ExportWinner = Winner & { certificate?: string | null };

export interface ExportInput {
  config: CampConfig;
  standings: Standings;
  winners: readonly ExportWinner[];
  /** `published` (with the publication id) or the current preview. */
  winnersSource: { kind: 'published'; id: number } | { kind: 'preview' };
  claims: readonly PrizeClaim[];
  /** Display names by userid (the roster), for winners and claims. */
  names: ReadonlyMap<string, string>;
}

/** The three tables of an export: 排名 (standings with every metric), 奖项 (awards), 领奖 (prize hand-over). */
export function exportTables(input: ExportInput): Table[] {
  return [standingsTable(input), awardsTable(input), prizesTable(input)];
}

function standingsTable({ config, standings }: ExportInput): Table {
  const keys = metricKeysOf(standings);
  const header = ['排名', 'userid', '姓名', '部门', '团队', '综合分', '可参评', ...keys.flatMap((k) => [`${labelOf(k, config)}（原始值）`, `${labelOf(k, config)}（标准分）`])];
  const rows = standings.rows.map((r): Cell[] => [
    r.rank, r.userid, r.name, r.department, r.team, round2(r.composite), r.eligible ? '是' : '否',
    ...keys.flatMap((k) => [round2(r.metrics[k]?.raw ?? 0), round2(r.metrics[k]?.normalized ?? 0)]),
  ]);
  return { name: '排名', header, rows };
}

function awardsTable({ config, winners, winnersSource, names }: ExportInput): Table {
  const status = winnersSource.kind === 'published' ? `已发布 #${winnersSource.id}` : '预览（未发布）';
  const header = ['奖项ID', '奖项', 'userid', '姓名', '团队', '名次', '成绩', '奖品', '证书编号', '状态'];
  const rows = winners.map((w): Cell[] => [
    w.award, w.awardName, w.userid, names.get(w.userid) ?? w.userid, w.team, w.rank, round2(w.value),
    config.prizes[w.award] ?? null, w.certificate ?? null, status,
  ]);
  return { name: '奖项', header, rows };
}

/** Every winner with whether their prize was handed over, then any hand-over recorded for someone not (or no longer) a winner. */
function prizesTable({ config, winners, claims, names }: ExportInput): Table {
  const header = ['奖项ID', '奖项', 'userid', '姓名', '奖品', '领取状态', '登记人', '登记时间'];
  const awardName = (id: string): string => config.awards.find((a) => a.id === id)?.name ?? id;
  const claimOf = new Map(claims.map((c) => [`${c.award}\u0000${c.userid}`, c]));
  const row = (award: string, userid: string, claim: PrizeClaim | undefined): Cell[] => [
    award, awardName(award), userid, names.get(userid) ?? userid, config.prizes[award] ?? null,
    claim ? '已领取' : '未领取', claim?.actor ?? null, claim ? formatLocalTime(claim.at, config.timezone) : null,
  ];
  const seen = new Set<string>();
  const rows: Cell[][] = [];
  for (const w of winners) {
    const key = `${w.award}\u0000${w.userid}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push(row(w.award, w.userid, claimOf.get(key)));
  }
  for (const c of claims) if (!seen.has(`${c.award}\u0000${c.userid}`)) rows.push(row(c.award, c.userid, c));
  return { name: '领奖', header, rows };
}
