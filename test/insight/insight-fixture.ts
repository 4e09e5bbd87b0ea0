import type { CampConfig, MetricName } from '../../src/camp/camp-config.js';
import { METRIC_NAMES } from '../../src/camp/camp-config.js';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { zonedTimeToUtcMs } from '../../src/camp/time-zone.js';
import type { Fact } from '../../src/scoring/fact.js';
import type { MetricValue, StandingRow, Standings } from '../../src/scoring/standings.js';

/** A 30-day camp (Nov 1–30) scored on completion 40 / exam 30 / project 30 (target 20), 10 lessons. */
export const CAMP_YAML = `
id: t1
name: 测试结业营
timezone: Asia/Shanghai
starts: 2026-11-01
ends: 2026-11-30
lessons: 10
metrics:
  completion: { weight: 40 }
  attendance: { weight: 0 }
  exam: { weight: 30 }
  assignment: { weight: 0 }
  project: { weight: 30, target: 20 }
  practice: { weight: 0, target: 3 }
  participation: { weight: 0, target: 30 }
awards:
  - { id: all-round, name: 全能优秀学员奖, rank: composite, top: 2 }
  - { id: best-practice, name: 最佳实践项目奖, rank: practice, top: 1 }
  - { id: user-research, name: 最佳用户研究奖, rank: "assignment:user-research", top: 1 }
`;

export const camp: CampConfig = parseCampFile(CAMP_YAML);

/** Local time in the camp zone → ms. */
export const at = (local: string): number => zonedTimeToUtcMs(local, 'Asia/Shanghai');

type Values = Partial<Record<MetricName | `assignment:${string}`, [raw: number, normalized: number]>>;

export interface RowSpec {
  userid: string;
  name: string;
  department: string | null;
  team: string | null;
  rank: number;
  composite: number;
  eligible?: boolean;
  values: Values;
}

export function row(spec: RowSpec, tags: readonly string[] = TAGS): StandingRow {
  const metrics: Record<string, MetricValue> = {};
  for (const key of [...METRIC_NAMES, ...tags.map((t) => `assignment:${t}`)]) {
    const [raw, normalized] = spec.values[key as keyof Values] ?? [0, 0];
    metrics[key] = { raw, normalized };
  }
  return {
    userid: spec.userid, name: spec.name, department: spec.department, team: spec.team, rank: spec.rank,
    composite: spec.composite, eligible: spec.eligible ?? spec.composite > 0, metrics,
  };
}

export const TAGS = ['user-research', 'data'];

/**
 * Six learners; composites are 0.4·completion + 0.3·exam + 0.3·project (normalized), computed by hand.
 * a1 52, a2 94, a3 23, a4 56, a5 33, a6 0.
 */
export const SPECS: RowSpec[] = [
  { userid: 'a2', name: '李四', department: '研发', team: 'A', rank: 1, composite: 94,
    values: { completion: [10, 100], exam: [80, 80], project: [20, 100] } },
  { userid: 'a4', name: '赵六', department: '市场', team: 'B', rank: 2, composite: 56,
    values: { completion: [5, 50], exam: [70, 70], project: [10, 50] } },
  { userid: 'a1', name: '张三', department: '研发', team: 'A', rank: 3, composite: 52,
    values: { completion: [4, 40], exam: [90, 90], project: [6, 30], practice: [3, 100], 'assignment:user-research': [40, 40], assignment: [40, 40] } },
  { userid: 'a5', name: '钱七', department: '市场', team: 'B', rank: 4, composite: 33,
    values: { completion: [3, 30], exam: [60, 60], project: [2, 10], 'assignment:data': [95, 95] } },
  { userid: 'a3', name: '王五', department: '市场', team: 'B', rank: 5, composite: 23,
    values: { completion: [2, 20], exam: [50, 50], 'assignment:user-research': [100, 100], assignment: [100, 100] } },
  { userid: 'a6', name: '孙八', department: null, team: null, rank: 6, composite: 0, values: {} },
];

export function standings(asOf: number, specs: RowSpec[] = SPECS, overrides: Partial<Standings> = {}): Standings {
  return {
    asOf,
    weights: { completion: 40, attendance: 0, exam: 30, assignment: 0, project: 30, practice: 0, participation: 0 },
    assessed: ['completion', 'exam', 'project'],
    notAssessed: [],
    tags: TAGS,
    rows: specs.map((s) => row(s, overrides.tags ?? TAGS)),
    ungraded: [],
    learnersWithoutEvents: ['a6'],
    ...overrides,
  };
}

export const ROSTER = [
  { userid: 'a1', joined: '2026-06-01' },
  { userid: 'a2', joined: '2020-01-01' },
  { userid: 'a3', joined: null },
  { userid: 'a4', joined: '2025-11-01' },
  { userid: 'a5', joined: '2025-10-31' },
  { userid: 'a6', joined: 'bad-date' },
];

let nextId = 1;

/** A fact with defaults; ids increase in creation order. */
export function fact(partial: Partial<Fact> & Pick<Fact, 'type' | 'at'>): Fact {
  return { id: nextId++, userid: null, num: null, text: null, ref: null, actor: 'trainer', revokes: null, ...partial };
}
