import { sql } from 'drizzle-orm';
import { bigint, check, customType, doublePrecision, index, pgTable, primaryKey, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Text compared and sorted byte by byte (`COLLATE "C"`), as SQLite does: userid ranges, `ORDER BY userid` and the
 * scoring code's own ordering then agree whatever the database's default collation is.
 */
const text = customType<{ data: string; driverData: string }>({ dataType: () => 'text COLLATE "C"' });

/** Milliseconds since the epoch and ids: beyond int4, and read back as JS numbers (see the pool's type parsers). */
const ms = (name: string) => bigint(name, { mode: 'number' });

/** A camp and its validated camp file (SPEC §4) as JSON. */
export const camps = pgTable('camps', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  config: text('config').notNull(),
  createdAt: ms('created_at').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

/** Everyone the bot knows, by WeCom userid. */
export const people = pgTable('people', {
  userid: text('userid').primaryKey(),
  name: text('name').notNull(),
  department: text('department'),
  joined: text('joined'),
});

/** A person's role in a camp; learners carry their team. One row per (camp, user, role). */
export const members = pgTable(
  'members',
  {
    campId: text('camp_id').notNull().references(() => camps.id),
    userid: text('userid').notNull().references(() => people.userid),
    role: text('role').notNull(),
    team: text('team'),
  },
  (t) => [primaryKey({ columns: [t.campId, t.userid, t.role] }), index('members_user').on(t.userid)],
);

/** Group chats bound to a camp, with the group robot webhook learned from callbacks or the camp file. */
export const chats = pgTable('chats', {
  chatId: text('chat_id').primaryKey(),
  campId: text('camp_id').notNull().references(() => camps.id),
  webhookUrl: text('webhook_url'),
  boundBy: text('bound_by').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

/**
 * The append-only evidence ledger (SPEC §5; see the SQLite schema). Ids come from the identity at insert, so they may
 * have gaps (rolled-back transactions) and need not follow commit order: the chain order is `ledger_chain.seq`.
 */
export const events = pgTable(
  'events',
  {
    id: ms('id').primaryKey().generatedByDefaultAsIdentity(),
    campId: text('camp_id').notNull(),
    type: text('type').notNull(),
    userid: text('userid'),
    num: doublePrecision('num'),
    text: text('text'),
    ref: text('ref'),
    actor: text('actor').notNull(),
    source: text('source').notNull(),
    happenedAt: ms('happened_at').notNull(),
    recordedAt: ms('recorded_at').notNull(),
    revokes: ms('revokes'),
    note: text('note'),
    dedupeKey: text('dedupe_key'),
  },
  (t) => [
    uniqueIndex('events_dedupe').on(t.dedupeKey),
    // Covers what scoring reads (all but assignment/weights text), so standings never touch the wide rows: unlike
    // SQLite's, where the rowid is in every index, it must name `id` (row-by-row facts read it).
    index('events_camp_type').on(t.campId, t.type, t.userid, t.num, t.ref, t.happenedAt, t.actor, t.id),
    // A learner's events by time; covering type and dedupe key too, so the participation rule reads a learner's counted
    // messages of a day from the index alone (the rows of one learner's messages lie on different pages).
    index('events_camp_user').on(t.campId, t.userid, t.happenedAt, t.type, t.dedupeKey),
    index('events_revokes').on(t.revokes).where(sql`${t.revokes} IS NOT NULL`),
  ],
);

/** The hash chain over `events` in commit order (see the SQLite schema). */
export const ledgerChain = pgTable(
  'ledger_chain',
  {
    seq: ms('seq').primaryKey(),
    eventId: ms('event_id').notNull().references(() => events.id),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [uniqueIndex('ledger_chain_event').on(t.eventId)],
);

/**
 * The chain's newest link (see the SQLite schema), locked `FOR UPDATE` by the seal just before a transaction that
 * appended commits: one chain across instances, the lock held only from the seal to COMMIT. Exactly one row (id 1).
 */
export const ledgerHead = pgTable(
  'ledger_head',
  {
    id: ms('id').primaryKey(),
    lastSeq: ms('last_seq').notNull(),
    lastHash: text('last_hash').notNull(),
    count: ms('count').notNull(),
    mac: text('mac'),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [check('ledger_head_one_row', sql`${t.id} = 1`)],
);

/** Callbacks already processed, with the reply they got, so WeCom's retries change nothing. Pruned after RETENTION_DAYS. */
export const processedMessages = pgTable(
  'processed_messages',
  {
    key: text('key').primaryKey(),
    reply: text('reply'),
    processedAt: ms('processed_at').notNull(),
  },
  (t) => [index('processed_messages_at').on(t.processedAt)],
);

/** A learner's `/submit <assignment>` waiting for the image or link message that follows it. */
export const pendingSubmissions = pgTable(
  'pending_submissions',
  {
    campId: text('camp_id').notNull(),
    userid: text('userid').notNull(),
    assignment: text('assignment').notNull(),
    expiresAt: ms('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campId, t.userid] })],
);

/** Every outbound message, written with the state change that caused it and delivered by the worker. */
export const outbox = pgTable(
  'outbox',
  {
    id: ms('id').primaryKey().generatedByDefaultAsIdentity(),
    campId: text('camp_id'),
    kind: text('kind').notNull(),
    payload: text('payload').notNull(),
    dedupeKey: text('dedupe_key'),
    status: text('status').notNull().default('pending'),
    attempts: ms('attempts').notNull().default(0),
    nextAttemptAt: ms('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: ms('created_at').notNull(),
    sentAt: ms('sent_at'),
  },
  (t) => [
    uniqueIndex('outbox_dedupe').on(t.dedupeKey),
    index('outbox_due').on(t.status, t.nextAttemptAt),
    index('outbox_prunable').on(t.sentAt).where(sql`${t.sentAt} IS NOT NULL AND ${t.payload} <> ''`),
  ],
);

/** A schedule slot claimed by one process, so a slot runs once across restarts and processes. */
export const scheduleRuns = pgTable(
  'schedule_runs',
  {
    campId: text('camp_id').notNull(),
    job: text('job').notNull(),
    slot: text('slot').notNull(),
    claimedAt: ms('claimed_at').notNull(),
    claimedBy: text('claimed_by').notNull(),
    finishedAt: ms('finished_at'),
    error: text('error'),
    failures: ms('failures').notNull().default(0),
    failedAt: ms('failed_at'),
  },
  (t) => [primaryKey({ columns: [t.campId, t.job, t.slot] })],
);

/** A frozen award result; a forced re-publish supersedes the previous one. */
export const publications = pgTable(
  'publications',
  {
    id: ms('id').primaryKey().generatedByDefaultAsIdentity(),
    campId: text('camp_id').notNull().references(() => camps.id),
    asOf: ms('as_of').notNull(),
    publishedAt: ms('published_at').notNull(),
    publishedBy: text('published_by').notNull(),
    inputsHash: text('inputs_hash').notNull(),
    result: text('result').notNull(),
    supersededBy: ms('superseded_by'),
  },
  (t) => [index('publications_camp').on(t.campId)],
);

/** One certificate per winner of a publication; `code` is the signed verification code. */
export const certificates = pgTable(
  'certificates',
  {
    code: text('code').primaryKey(),
    publicationId: ms('publication_id').notNull().references(() => publications.id),
    campId: text('camp_id').notNull(),
    award: text('award').notNull(),
    awardName: text('award_name').notNull(),
    userid: text('userid').notNull(),
    name: text('name').notNull(),
    issuedAt: ms('issued_at').notNull(),
  },
  (t) => [index('certificates_publication').on(t.publicationId)],
);

/** A live lesson or meeting camp-bot asked WeCom to create (see the SQLite schema). */
export const createdSources = pgTable(
  'created_sources',
  {
    id: ms('id').primaryKey().generatedByDefaultAsIdentity(),
    campId: text('camp_id').notNull().references(() => camps.id),
    kind: text('kind').notNull(),
    target: text('target').notNull(),
    title: text('title').notNull(),
    startsAt: ms('starts_at').notNull(),
    durationS: ms('duration_s').notNull(),
    minMinutes: doublePrecision('min_minutes').notNull(),
    requestedBy: text('requested_by').notNull(),
    chatId: text('chat_id'),
    requestedAt: ms('requested_at').notNull(),
    status: text('status').notNull().default('pending'),
    wecomId: text('wecom_id'),
    link: text('link'),
    error: text('error'),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [index('created_sources_camp').on(t.campId, t.status), uniqueIndex('created_sources_wecom_id').on(t.wecomId)],
);

/** Who holds a named lease until when (ms); see the SQLite schema. */
export const leases = pgTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: ms('expires_at').notNull(),
});

/** The camp file (YAML) as last applied, shown and edited in the console. */
export const campFiles = pgTable('camp_files', {
  campId: text('camp_id').primaryKey().references(() => camps.id),
  yaml: text('yaml').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

/** Console sign-in `state`s handed to WeCom's login: each is taken once, before it expires, by whichever instance. */
export const consoleLoginStates = pgTable(
  'console_login_states',
  {
    state: text('state').primaryKey(),
    expiresAt: ms('expires_at').notNull(),
  },
  (t) => [index('console_login_states_expiry').on(t.expiresAt)],
);

/** A quiz uploaded in the console: the validated file as JSON, answer keys included (never sent before grading). */
export const quizzes = pgTable(
  'quizzes',
  {
    campId: text('camp_id').notNull().references(() => camps.id),
    id: text('id').notNull(),
    definition: text('definition').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: ms('uploaded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campId, t.id] })],
);

/** A learner's one attempt at a quiz: the server's clock, and the result once graded (the `exam` event's id). */
export const quizAttempts = pgTable(
  'quiz_attempts',
  {
    campId: text('camp_id').notNull(),
    quizId: text('quiz_id').notNull(),
    userid: text('userid').notNull(),
    startedAt: ms('started_at').notNull(),
    deadline: ms('deadline').notNull(),
    submittedAt: ms('submitted_at'),
    reason: text('reason'),
    earned: doublePrecision('earned'),
    score: doublePrecision('score'),
    eventId: ms('event_id'),
  },
  (t) => [
    primaryKey({ columns: [t.campId, t.quizId, t.userid] }),
    index('quiz_attempts_open').on(t.deadline).where(sql`${t.submittedAt} IS NULL`),
  ],
);

/** Answers of an attempt, saved as they are chosen: option ids as a JSON list. */
export const quizAnswers = pgTable(
  'quiz_answers',
  {
    campId: text('camp_id').notNull(),
    quizId: text('quiz_id').notNull(),
    userid: text('userid').notNull(),
    questionId: text('question_id').notNull(),
    choices: text('choices').notNull(),
    savedAt: ms('saved_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campId, t.quizId, t.userid, t.questionId] })],
);

/** An events import started in the console: its progress and outcome, readable by every instance. */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: text('id').primaryKey(),
    campId: text('camp_id').notNull(),
    state: text('state').notNull(),
    processed: ms('processed').notNull(),
    total: ms('total').notNull(),
    recorded: ms('recorded').notNull(),
    duplicates: ms('duplicates').notNull(),
    error: text('error'),
    lines: text('lines').notNull(),
    startedBy: text('started_by').notNull(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [index('import_jobs_camp').on(t.campId)],
);
