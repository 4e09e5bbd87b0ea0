/** The seven scored metrics (SPEC §6), in the order they are shown. */
export const METRIC_NAMES = [
  'completion',
  'attendance',
  'exam',
  'assignment',
  'project',
  'practice',
  'participation',
] as const;

export type MetricName = (typeof METRIC_NAMES)[number];

/** Metrics whose raw value is a sum of points, normalized against a target. */
export const COUNT_METRICS = ['project', 'practice', 'participation'] as const;

export type CountMetricName = (typeof COUNT_METRICS)[number];

/** What an award ranks or measures: the composite, a metric, or the assignment score over one tag. */
export type ValueRef = 'composite' | MetricName | `assignment:${string}`;

/** `top: 10%` → `{ percent: 10 }`; `top: 3` → `{ count: 3 }`. */
export type Top = { percent: number } | { count: number };

export interface WeightOnly {
  weight: number;
}

export interface AssignmentMetricConfig extends WeightOnly {
  /** Share of the trainer grade when enough peer reviews exist (0–1). */
  trainerShare: number;
  minPeerReviews: number;
}

export interface CountMetricConfig extends WeightOnly {
  /** Points that earn a normalized 100. */
  target: number;
}

export interface ParticipationMetricConfig extends CountMetricConfig {
  minChars: number;
  cooldownSeconds: number;
  dailyCap: number;
}

export interface MetricsConfig {
  completion: WeightOnly;
  attendance: WeightOnly;
  exam: WeightOnly;
  assignment: AssignmentMetricConfig;
  project: CountMetricConfig;
  practice: CountMetricConfig;
  participation: ParticipationMetricConfig;
}

export interface RankAward {
  kind: 'rank';
  id: string;
  name: string;
  rank: ValueRef;
  top: Top;
  tieBreak: ValueRef | null;
}

export interface TeamAward {
  kind: 'team';
  id: string;
  name: string;
  team: ValueRef;
  top: Top;
}

export interface ImprovementAward {
  kind: 'improvement';
  id: string;
  name: string;
  improvement: {
    metric: ValueRef;
    /** `at` as written in the file; `atMs` the instant it means (a bare date = the end of that day in the camp zone). */
    from: { at: string; atMs: number; max: number };
    to: { min: number };
  };
}

export type AwardRule = RankAward | TeamAward | ImprovementAward;

export interface ChatBinding {
  id: string;
  webhook?: string;
}

/** A live lesson (直播) whose viewers of at least `minWatchMinutes` completed `lesson` (SPEC §13). */
export interface LivingSource {
  id: string;
  lesson: number;
  minWatchMinutes: number;
}

/** A class held as a WeCom meeting (会议): members present at least `minMinutes` are checked in to `session`. */
export interface MeetingSource {
  id: string;
  session: string;
  minMinutes: number;
}

/** The camp file's `sources` (SPEC §13). */
export interface CampSources {
  living: LivingSource[];
  meetings: MeetingSource[];
}

/** A validated camp file (SPEC §4) with every default filled in. Plain JSON-safe data. */
export interface CampConfig {
  id: string;
  name: string;
  timezone: string;
  /** YYYY-MM-DD in the camp's time zone. */
  starts: string;
  ends: string;
  lessons: number;
  chats: ChatBinding[];
  trainers: string[];
  managers: string[];
  admins: { users: string[]; parties: number[] };
  metrics: MetricsConfig;
  eligibility: { minCompletion: number; minAttendance: number };
  awards: AwardRule[];
  prizes: Record<string, string>;
  /** `leaderboard` is a cron expression; `preview`/`publish` local date-times (`2026-12-04T10:00`) in the camp zone. */
  schedule: { leaderboard: string | null; preview: string | null; publish: string | null };
  /** Only when the file names sources (camps stored before SPEC §13 have none either). */
  sources?: CampSources;
}

/** The rubric of the SPEC §4 example, used wherever the camp file is silent. */
export const DEFAULT_METRICS: MetricsConfig = {
  completion: { weight: 20 },
  attendance: { weight: 0 },
  exam: { weight: 30 },
  assignment: { weight: 25, trainerShare: 0.7, minPeerReviews: 2 },
  project: { weight: 15, target: 20 },
  practice: { weight: 10, target: 3 },
  participation: { weight: 0, target: 30, minChars: 5, cooldownSeconds: 60, dailyCap: 20 },
};

/** The date-independent awards of the SPEC §4 example, used when the file has no `awards`. */
export const DEFAULT_AWARDS: AwardRule[] = [
  { kind: 'rank', id: 'all-round', name: '全能优秀学员奖', rank: 'composite', top: { percent: 10 }, tieBreak: null },
  { kind: 'rank', id: 'best-practice', name: '最佳实践项目奖', rank: 'practice', top: { percent: 5 }, tieBreak: 'composite' },
  { kind: 'team', id: 'best-team', name: '最佳团队协作奖', team: 'project', top: { count: 3 } },
];

export const DEFAULT_LESSONS = 10;
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/** True for `composite`, a metric name, or `assignment:<tag>` with a non-blank tag. */
export function isValueRef(value: string): value is ValueRef {
  if (value === 'composite' || isMetricName(value)) return true;
  return /^assignment:\S+$/.test(value);
}

export function isMetricName(value: string): value is MetricName {
  return (METRIC_NAMES as readonly string[]).includes(value);
}

/** The metric weights as one map. */
export function weightsOf(metrics: MetricsConfig): Record<MetricName, number> {
  const weights = {} as Record<MetricName, number>;
  for (const metric of METRIC_NAMES) weights[metric] = metrics[metric].weight;
  return weights;
}
