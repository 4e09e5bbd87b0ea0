import { METRIC_NAMES, type CampConfig, type MetricName } from '../camp/camp-config.js';
import { computeStandings } from './compute-standings.js';
import { METRIC_EVENT_TYPES } from './metric-event-types.js';
import {
  byTime,
  explainAssignments,
  explainCheckins,
  explained,
  explainExams,
  explainLessons,
  explainPoints,
  type ExplainContext,
  type ExplainedFact,
} from './explain-facts.js';
import type { Fact } from './fact.js';
import { resolveRevoked } from './resolve-revoked.js';
import type { Learner, StandingRow } from './standings.js';

export interface MetricExplanation {
  metric: MetricName;
  weight: number;
  assessed: boolean;
  raw: number;
  normalized: number;
  /** In time order. */
  facts: ExplainedFact[];
}

export interface LearnerExplanation {
  userid: string;
  asOf: number;
  row: StandingRow | null;
  metrics: MetricExplanation[];
}

export interface ExplainLearnerInput {
  config: CampConfig;
  learner: Learner;
  /** The whole roster: which exams and assignments count is decided camp-wide. */
  learners: readonly Learner[];
  facts: readonly Fact[];
  asOf: number;
}

/**
 * The facts behind each of a learner's metrics and whether each counts (for `/why`).
 * @example explainLearner({ config, learner, learners, facts, asOf }).metrics[2].facts[0].note // '已被更新的成绩 #12 取代'
 */
export function explainLearner({ config, learner, learners, facts, asOf }: ExplainLearnerInput): LearnerExplanation {
  const standings = computeStandings({ config, learners, facts, asOf });
  const row = standings.rows.find((candidate) => candidate.userid === learner.userid) ?? null;
  const revoked = resolveRevoked(facts, asOf);
  const enrolled = new Set(learners.map((l) => l.userid));
  const live = facts.filter((fact) => fact.at <= asOf && !revoked.has(fact.id));
  const context: ExplainContext = {
    config,
    closedSessions: new Set(live.filter((f) => f.type === 'session' && f.ref !== null).map((f) => f.ref ?? '')),
    gradedAssignments: new Set(live.filter((f) => f.type === 'grade' && f.num !== null && enrolled.has(f.userid ?? '')).map((f) => f.ref ?? '')),
  };
  const own = facts.filter((fact) => fact.userid === learner.userid);
  const metrics = METRIC_NAMES.map((metric): MetricExplanation => {
    const mine = own.filter((fact) => METRIC_EVENT_TYPES[metric].includes(fact.type));
    const excluded = mine.filter((fact) => fact.at > asOf || revoked.has(fact.id));
    const counted = explainMetric(metric, mine.filter((fact) => !excluded.includes(fact)), learner.userid, context);
    const dropped = excluded.map((fact) => explained(fact, false, fact.at > asOf ? '晚于统计时间' : '已撤销'));
    return {
      metric,
      weight: standings.weights[metric],
      assessed: standings.assessed.includes(metric),
      raw: row?.metrics[metric]?.raw ?? 0,
      normalized: row?.metrics[metric]?.normalized ?? 0,
      facts: [...counted, ...dropped].sort(byTime),
    };
  });
  return { userid: learner.userid, asOf, row, metrics };
}

function explainMetric(metric: MetricName, facts: Fact[], userid: string, context: ExplainContext): ExplainedFact[] {
  switch (metric) {
    case 'completion': return explainLessons(facts, context);
    case 'attendance': return explainCheckins(facts, context);
    case 'exam': return explainExams(facts);
    case 'assignment': return explainAssignments(facts, userid, context);
    default: return explainPoints(facts);
  }
}
