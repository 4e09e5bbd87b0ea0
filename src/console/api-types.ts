/**
 * The console's JSON API on the wire (docs/console-api.md): plain types shared by the web app (`console/`) and the
 * server. No runtime code and no imports, so the browser build can read it as it is. Times are ISO 8601 strings,
 * scores numbers rounded to 2 decimals.
 */

export type Role = 'learner' | 'trainer' | 'manager' | 'admin';

export type MetricName = 'completion' | 'attendance' | 'exam' | 'assignment' | 'project' | 'practice' | 'participation';

/** Every refusal: 400, 401, 403, 404, 409, 413. `issues` and `lines` only where the route says so. */
export interface ApiError {
  error: string;
  /** Camp file and quiz file problems by key path, e.g. `{ path: 'awards[2].top', message: '…' }`. */
  issues?: PathIssue[];
  /** Roster and events-import problems by the file's line (CSV) or sheet row (XLSX). */
  lines?: LineIssue[];
}

export interface PathIssue {
  path: string;
  message: string;
}

export interface LineIssue {
  line: number;
  message: string;
}

/** An uploaded file, its bytes in base64 (uploads are JSON bodies). */
export interface UploadedFile {
  name: string;
  contentBase64: string;
}

/** `201` of every route that records one event. */
export interface EventCreated {
  event: number;
}

// ── Session ────────────────────────────────────────────────────────────────────────────────────────────────────────

/** `GET /api/me` (contract). */
export interface MeResponse {
  userid: string;
  name: string;
  csrf: string;
  camps: { id: string; name: string; roles: Role[] }[];
}

// ── Standings and the learner's own view ──────────────────────────────────────────────────────────────────────────

export interface MetricValue {
  raw: number;
  normalized: number;
}

/** One row of `standings --json` (contract). `metrics` keys are metric names and `assignment:<tag>`. */
export interface StandingsRow {
  userid: string;
  name: string;
  team: string | null;
  rank: number;
  composite: number;
  metrics: Record<string, MetricValue>;
}

/** `GET /api/camps/:id/standings` — the `standings --json` document (contract). */
export interface StandingsResponse {
  asOf: string;
  assessed: MetricName[];
  rows: StandingsRow[];
}

/** One event in the `events list --json` shape (contract). */
export interface EventRow {
  id: number;
  type: string;
  userid: string | null;
  value: number | string | null;
  ref: string | null;
  actor: string;
  source: string;
  happenedAt: string;
  recordedAt: string;
  revoked: boolean;
}

/** `GET /api/camps/:id/me` (contract): the learner's standings row plus the events behind it. */
export interface LearnerMeResponse extends StandingsRow {
  events: EventRow[];
}

/** Where the learner stands against one rank award. */
export interface AwardGapView {
  award: string;
  awardName: string;
  /** What the award ranks, as users read it: `综合分`, `实践`. */
  valueLabel: string;
  winning: boolean;
  /** How much more reaches the cut-off (0 when winning). */
  gap: number;
  /** The lowest winning value now; null when nobody qualifies yet. */
  cutoff: number | null;
}

/** One event behind a metric and whether it counts (the `/why` of the chat). `note` says why not, or how. */
export interface ExplainedEvent {
  event: number;
  counted: boolean;
  note: string | null;
}

export interface MetricExplanation {
  metric: MetricName;
  label: string;
  weight: number;
  assessed: boolean;
  raw: number;
  normalized: number;
  /** Events of `/me`'s `events`, in time order. */
  events: ExplainedEvent[];
}

/** `GET /api/camps/:id/me/insight`: everything `/me` and `/why` say besides the row. */
export interface LearnerInsight {
  asOf: string;
  learners: number;
  eligible: boolean;
  /** Why not eligible, one short line each (empty when eligible). */
  eligibilityMissing: string[];
  gaps: AwardGapView[];
  strength: { metric: string; label: string; normalized: number; topPercent: number } | null;
  metrics: MetricExplanation[];
}

/** `GET /api/camps/:id/me/history`: the learner's composite and rank at the end of each camp day so far. */
export interface LearnerHistory {
  days: { date: string; composite: number; rank: number; meanComposite: number }[];
}

/** `GET /api/camps/:id/me/certificates`. */
export interface CertificateView {
  award: string;
  awardName: string;
  code: string;
  issuedAt: string;
  prize: string | null;
  /** The PNG, same origin: `/api/camps/:id/certificates/:code.png`. */
  imageUrl: string;
  /** The public verification page: `${PUBLIC_BASE_URL}/verify/:code`. */
  verifyUrl: string;
}

// ── Assignments, submissions, reviews ─────────────────────────────────────────────────────────────────────────────

/** `GET /api/camps/:id/assignments`. `submitted` is the caller's own submission id (learners), else null. */
export interface AssignmentView {
  id: string;
  tag: string | null;
  title: string | null;
  createdAt: string;
  submitted: number | null;
}

/** `GET /api/camps/:id/submissions` (contract, trainers): ungraded first. */
export interface SubmissionQueueItem {
  id: number;
  assignment: string;
  userid: string;
  submittedAt: string;
  grade: number | null;
}

export interface ReviewView {
  score: number;
  comment: string | null;
  at: string;
  /** Named to trainers only; null for learners. */
  reviewer: string | null;
}

export interface GradeView {
  score: number;
  comment: string | null;
  by: string;
  at: string;
}

/** `GET /api/camps/:id/submissions/:sid` (trainers; the author too) and the rows of `/me/submissions`. */
export interface SubmissionDetail {
  id: number;
  assignment: string;
  assignmentTitle: string | null;
  userid: string;
  name: string;
  content: string;
  submittedAt: string;
  grade: GradeView | null;
  reviews: ReviewView[];
  /** The assignment score as scoring counts it now (SPEC §6), null until graded. */
  score: number | null;
}

/** `POST /api/camps/:id/submissions` (learners). */
export interface SubmitRequest {
  assignment: string;
  /** A link or text, 1–2000 characters. */
  content: string;
}

export interface SubmitResponse {
  submission: number;
  event: number;
}

/** `POST /api/camps/:id/grades` (contract, trainers) → `201 EventCreated`. */
export interface GradeRequest {
  submission: number;
  score: number;
  comment?: string;
}

/** `GET /api/camps/:id/reviews/todo` (learners): others' submissions the caller may review. */
export interface ReviewTodo {
  submission: number;
  assignment: string;
  assignmentTitle: string | null;
  userid: string;
  name: string;
  content: string;
  submittedAt: string;
  mine: { score: number; comment: string | null } | null;
}

/** `POST /api/camps/:id/reviews` (learners) → `201 EventCreated`. `score` 0–100 (stars are sent ×20). */
export interface ReviewRequest {
  submission: number;
  score: number;
  comment?: string;
}

// ── Roster ────────────────────────────────────────────────────────────────────────────────────────────────────────

export interface RosterPerson {
  userid: string;
  name: string;
  department: string | null;
  team: string | null;
  role: Role;
  joined: string | null;
}

/** `GET /api/camps/:id/roster` (trainers, managers, admins). */
export interface RosterResponse {
  people: RosterPerson[];
}

export interface RosterFieldChange {
  userid: string;
  name: string;
  role: Role;
  field: 'name' | 'department' | 'team' | 'joined';
  from: string | null;
  to: string | null;
}

/** `POST /api/camps/:id/roster/preview` and `PUT /api/camps/:id/roster` (admins) take `{ file }`. */
export interface RosterUploadRequest {
  file: UploadedFile;
}

/** What applying the file changes, like `roster import`: people are added or updated, nobody is removed. */
export interface RosterPreview {
  rows: number;
  added: RosterPerson[];
  changed: RosterFieldChange[];
  unchanged: number;
}

// ── Evidence ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** `GET /api/camps/:id/events?type&user&before&limit` (trainers): newest first, one page. */
export interface EventsPage {
  events: EventRow[];
  /** Pass as `before` for the next page; null on the last. */
  nextBefore: number | null;
}

/** `POST /api/camps/:id/revocations` (trainers) → `201 EventCreated`. */
export interface RevokeRequest {
  event: number;
  reason: string;
}

/** `POST /api/camps/:id/cases` (managers, trainers) → `201 EventCreated`. */
export interface CaseRequest {
  userid: string;
  description: string;
}

/** `GET /api/camps/:id/cases`: practice cases, newest first (managers see their own, trainers all). */
export interface CaseView {
  event: number;
  userid: string;
  name: string;
  description: string;
  actor: string;
  at: string;
  revoked: boolean;
}

/** `POST /api/camps/:id/imports` (trainers, admins) → `202 ImportJob`. A `.csv` or chat-archive `.jsonl` file. */
export interface ImportRequest {
  file: UploadedFile;
}

/** `GET /api/camps/:id/imports/:importId`: poll until `state` is `done` or `failed`. */
export interface ImportJob {
  id: string;
  state: 'checking' | 'recording' | 'done' | 'failed';
  /** Rows read so far and in all (all-or-nothing: nothing is recorded until every row passed). */
  processed: number;
  total: number;
  recorded: number;
  duplicates: number;
  /** When `failed`: the first line, and every bad row by line. */
  error: string | null;
  lines: LineIssue[];
}

// ── Sessions ──────────────────────────────────────────────────────────────────────────────────────────────────────

export interface SessionView {
  name: string;
  openedAt: string;
  closedAt: string | null;
  attended: number;
}

/** `GET /api/camps/:id/sessions` (trainers): the open session first, then the closed ones newest first. */
export interface SessionsResponse {
  learners: number;
  sessions: SessionView[];
}

/** `POST /api/camps/:id/sessions` (trainers) opens one → `201 EventCreated`; `POST …/sessions/close` closes it. */
export interface OpenSessionRequest {
  name: string;
}

/** `GET /api/camps/:id/sessions/:name/attendance` (trainers): every learner, present or not. */
export interface AttendanceResponse {
  session: SessionView;
  learners: { userid: string; name: string; team: string | null; checkedInAt: string | null }[];
}

// ── Weights ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** `GET /api/camps/:id/weights` (trainers). */
export interface WeightsResponse {
  weights: Record<MetricName, number>;
  /** The camp file's, before any `/weights`. */
  fileWeights: Record<MetricName, number>;
  assessed: MetricName[];
}

/** `PUT /api/camps/:id/weights` (trainers) → `201 EventCreated`; the values must sum to 100. */
export interface WeightsRequest {
  weights: Record<MetricName, number>;
}

// ── Awards and prizes ─────────────────────────────────────────────────────────────────────────────────────────────

/** One preview winner, as `awards preview --json` prints it (contract). */
export interface PreviewWinner {
  award: string;
  userid: string;
  team: string | null;
  rank: number | null;
  value: number;
}

/** `GET /api/camps/:id/awards/preview` (contract, trainers). */
export interface AwardsPreviewResponse {
  asOf: string;
  winners: PreviewWinner[];
  warnings: string[];
}

export interface AwardDefinition {
  id: string;
  name: string;
  /** The rule in words: `综合分前 10%`. */
  rule: string;
  prize: string | null;
}

export interface PublicationView {
  id: number;
  publishedAt: string;
  publishedBy: string;
  winners: number;
  /** The publication this one replaced (a forced re-publish), or null. */
  supersedes: number | null;
}

/** `GET /api/camps/:id/awards` (everyone in the camp). */
export interface AwardsResponse {
  awards: AwardDefinition[];
  published: PublicationView | null;
}

/** `POST /api/camps/:id/awards/publish` (trainers) → `201 PublicationView`; 409 when published and not `force`. */
export interface PublishRequest {
  force?: boolean;
}

/** `GET /api/camps/:id/prizes` (admins, trainers): the published winners whose award carries a prize. */
export interface PrizeRow {
  award: string;
  awardName: string;
  prize: string;
  userid: string;
  name: string;
  team: string | null;
  department: string | null;
  claimed: { at: string; by: string; event: number } | null;
}

/** `POST /api/camps/:id/prizes/claims` (admins, trainers) → `201 EventCreated`, like `/prize claimed`. */
export interface PrizeClaimRequest {
  userid: string;
  award: string;
}

// ── Statistics (`camp-bot stats --json`) ──────────────────────────────────────────────────────────────────────────

export interface GroupDistribution {
  key: string;
  label: string;
  learners: number;
  meanComposite: number;
  medianComposite: number;
  /** Learners per composite band `0-20`, `20-40`, `40-60`, `60-80`, `80-100`. */
  bands: number[];
  winners: number;
  awards: Record<string, number>;
  winnerShare: number;
}

export interface AtRiskLearner {
  userid: string;
  name: string;
  team: string | null;
  current: number;
  projected: number;
  closest: { award: string; awardName: string; projectedValue: number; cutoff: number } | null;
}

/** `GET /api/camps/:id/stats` (trainers): the `camp-bot stats --json` document. */
export interface StatsResponse {
  asOf: string;
  winnersSource: string;
  stats: {
    campId: string;
    asOf: string;
    learners: number;
    assessed: string[];
    meanComposite: number;
    byDepartment: GroupDistribution[];
    byTenure: GroupDistribution[];
    metricMeans: {
      byTeam: { group: string; learners: number; means: Record<string, MetricValue> }[];
      byDepartment: { group: string; learners: number; means: Record<string, MetricValue> }[];
    };
    participationByDay: { date: string; points: number; learners: number }[];
    assessedShare: { metric: string; learners: number; share: number }[];
  };
  projections: {
    userid: string;
    current: number;
    projected: number;
    byMetric: Record<string, { current: MetricValue; projected: MetricValue; basis: 'trend' | 'held' }>;
  }[];
  atRisk: AtRiskLearner[];
  categorySuggestions: { metric: string; label: string; leaders: { userid: string; name: string; normalized: number }[]; gap: number; rule: string }[];
}

// ── Camps and camp files ──────────────────────────────────────────────────────────────────────────────────────────

/** `GET /api/camps`: the camps the caller holds a role in. */
export interface CampSummary {
  id: string;
  name: string;
  starts: string;
  ends: string;
  learners: number;
  roles: Role[];
  publishedAt: string | null;
}

/** `GET /api/camps/:id/camp-file` (admins, trainers). */
export interface CampFileResponse {
  yaml: string;
  updatedAt: string;
}

/** `POST /api/camps` (create) and `PUT /api/camps/:id/camp-file` (update), admins. */
export interface CampFileRequest {
  yaml: string;
  /** Validate and list the changes, apply nothing. */
  dryRun?: boolean;
}

/** `camp apply`'s changes, one line each (`metrics.exam.weight: 30 → 25`). */
export interface CampFileResult {
  id: string;
  created: boolean;
  applied: boolean;
  changes: string[];
}

// ── Quizzes ───────────────────────────────────────────────────────────────────────────────────────────────────────

export type QuestionKind = 'single' | 'multiple';

/** A question as a learner sees it before submitting: no answer key. */
export interface QuizQuestion {
  id: string;
  kind: QuestionKind;
  text: string;
  points: number;
  options: { id: string; text: string }[];
}

export interface QuizAttemptState {
  state: 'in_progress' | 'submitted';
  startedAt: string;
  /** When the server stops accepting answers and grades the attempt. */
  deadline: string;
  /** Percent 0–100 once submitted (the `exam` event's value), else null. */
  score: number | null;
}

/** `GET /api/camps/:id/quizzes`: trainers also get `attempts` and `meanScore`. */
export interface QuizSummary {
  id: string;
  title: string;
  questions: number;
  points: number;
  timeLimitMinutes: number;
  opensAt: string;
  closesAt: string;
  state: 'upcoming' | 'open' | 'closed';
  attempt: QuizAttemptState | null;
  attempts?: number;
  meanScore?: number | null;
}

/** `POST /api/camps/:id/quizzes` (trainers): a YAML or XLSX quiz file → `201 QuizSummary`; issues by key path. */
export interface QuizUploadRequest {
  file: UploadedFile;
  dryRun?: boolean;
}

/** `POST …/quizzes/:qid/attempt` (start or resume) and `GET …/attempt` while in progress. */
export interface QuizAttemptView {
  quiz: { id: string; title: string; points: number; timeLimitMinutes: number };
  state: 'in_progress';
  startedAt: string;
  deadline: string;
  /** The server's clock when it answered, to count down against `deadline` whatever the device clock says. */
  serverNow: string;
  questions: QuizQuestion[];
  /** Saved answers: question id → chosen option ids. */
  answers: Record<string, string[]>;
}

/** `PUT …/quizzes/:qid/attempt/answers/:questionId` (learners). */
export interface SaveAnswerRequest {
  choices: string[];
}

export interface SaveAnswerResponse {
  savedAt: string;
  deadline: string;
  serverNow: string;
}

/** `GET …/attempt` once submitted, and `POST …/attempt/submit`. The key is shown only now. */
export interface QuizResult {
  quiz: { id: string; title: string; points: number };
  state: 'submitted';
  submittedAt: string;
  /** `submitted` by the learner, or `timeout` when the server graded it at the deadline. */
  reason: 'submitted' | 'timeout';
  earned: number;
  /** Percent 0–100: the value of the `exam` event named after the quiz. */
  score: number;
  event: number;
  questions: (QuizQuestion & { chosen: string[]; correct: string[]; earned: number })[];
}

/** `GET …/quizzes/:qid/stats` (trainers). */
export interface QuizStats {
  quiz: QuizSummary;
  started: number;
  submitted: number;
  meanScore: number | null;
  /** Submitted attempts per score band `0-20` … `80-100`. */
  bands: number[];
  questions: {
    id: string;
    kind: QuestionKind;
    text: string;
    points: number;
    answered: number;
    /** Share of submitted attempts that got it right, 0–1. */
    correctShare: number;
    options: { id: string; text: string; correct: boolean; chosen: number }[];
  }[];
}
