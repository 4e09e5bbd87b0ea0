import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A camp and its validated camp file (SPEC §4) as JSON. */
export const camps = sqliteTable('camps', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  config: text('config').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Everyone the bot knows, by WeCom userid. */
export const people = sqliteTable('people', {
  userid: text('userid').primaryKey(),
  name: text('name').notNull(),
  department: text('department'),
  joined: text('joined'),
});

/** A person's role in a camp; learners carry their team. One row per (camp, user, role). */
export const members = sqliteTable(
  'members',
  {
    campId: text('camp_id').notNull().references(() => camps.id),
    userid: text('userid').notNull().references(() => people.userid),
    role: text('role', { enum: ['learner', 'trainer', 'manager', 'admin'] }).notNull(),
    team: text('team'),
  },
  (t) => [primaryKey({ columns: [t.campId, t.userid, t.role] }), index('members_user').on(t.userid)],
);

/** Group chats bound to a camp, with the group robot webhook learned from callbacks or the camp file. */
export const chats = sqliteTable('chats', {
  chatId: text('chat_id').primaryKey(),
  campId: text('camp_id').notNull().references(() => camps.id),
  webhookUrl: text('webhook_url'),
  boundBy: text('bound_by').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * The append-only evidence ledger (SPEC §5): each event's content, with the id it takes at insert. Never updated or
 * deleted; its place in the hash chain is its row in `ledger_chain`, written when its transaction commits.
 */
export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campId: text('camp_id').notNull(),
    type: text('type').notNull(),
    userid: text('userid'),
    num: real('num'),
    text: text('text'),
    ref: text('ref'),
    actor: text('actor').notNull(),
    source: text('source').notNull(),
    happenedAt: integer('happened_at').notNull(),
    recordedAt: integer('recorded_at').notNull(),
    revokes: integer('revokes'),
    note: text('note'),
    dedupeKey: text('dedupe_key'),
  },
  (t) => [
    uniqueIndex('events_dedupe').on(t.dedupeKey),
    // Covers what scoring reads (all but assignment/weights text), so standings never touch the wide rows.
    index('events_camp_type').on(t.campId, t.type, t.userid, t.num, t.ref, t.happenedAt, t.actor),
    // A learner's events by time; covering type and dedupe key too, so the participation rule reads a learner's counted
    // messages of a day from the index alone (the rows of one learner's messages lie on different pages).
    index('events_camp_user').on(t.campId, t.userid, t.happenedAt, t.type, t.dedupeKey),
    // "Is this event revoked?" is one probe instead of reading every revocation of the camp.
    index('events_revokes').on(t.revokes).where(sql`${t.revokes} IS NOT NULL`),
  ],
);

/**
 * The hash chain over `events`, in commit order: row `seq` (1, 2, 3… without gaps) links event `event_id` to the row
 * before it. Written only by the seal just before a transaction that appended commits (`src/db/ledger-seal.ts`);
 * append-only like `events`, and every event has exactly one row.
 */
export const ledgerChain = sqliteTable(
  'ledger_chain',
  {
    seq: integer('seq').primaryKey(),
    eventId: integer('event_id').notNull().references(() => events.id),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [uniqueIndex('ledger_chain_event').on(t.eventId)],
);

/**
 * The chain's newest link, moved by every seal: the seal reads the previous hash here and numbers its links from
 * `last_seq + 1`, and `audit verify` compares its walk with it, so removing the newest events shows. `mac` is an
 * HMAC over (last_seq, last_hash, count) keyed by AUDIT_SECRET, which is not in the database. Exactly one row (id 1).
 */
export const ledgerHead = sqliteTable(
  'ledger_head',
  {
    id: integer('id').primaryKey(),
    lastSeq: integer('last_seq').notNull(),
    lastHash: text('last_hash').notNull(),
    count: integer('count').notNull(),
    mac: text('mac'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [check('ledger_head_one_row', sql`${t.id} = 1`)],
);

/** Callbacks already processed, with the reply they got, so WeCom's retries change nothing. Pruned after RETENTION_DAYS. */
export const processedMessages = sqliteTable(
  'processed_messages',
  {
    key: text('key').primaryKey(),
    reply: text('reply'),
    processedAt: integer('processed_at').notNull(),
  },
  (t) => [index('processed_messages_at').on(t.processedAt)],
);

/** A learner's `/submit <assignment>` waiting for the image or link message that follows it. */
export const pendingSubmissions = sqliteTable(
  'pending_submissions',
  {
    campId: text('camp_id').notNull(),
    userid: text('userid').notNull(),
    assignment: text('assignment').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campId, t.userid] })],
);

/**
 * Every outbound message, written with the state change that caused it and delivered by the worker. A sent row's
 * payload is emptied after RETENTION_DAYS (the row and its dedupe key stay).
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campId: text('camp_id'),
    kind: text('kind').notNull(),
    payload: text('payload').notNull(),
    dedupeKey: text('dedupe_key'),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (t) => [
    uniqueIndex('outbox_dedupe').on(t.dedupeKey),
    index('outbox_due').on(t.status, t.nextAttemptAt),
    // Only sent rows whose payload is still there, so pruning never walks what it pruned before.
    index('outbox_prunable').on(t.sentAt).where(sql`${t.sentAt} IS NOT NULL AND ${t.payload} <> ''`),
  ],
);

/**
 * A schedule slot, done once `finished_at` is set (claimed in the transaction of its work, so a slot runs once across
 * restarts and processes). A slot whose work threw has no `finished_at`, and keeps its failures for the operator:
 * how many, the last `error` and when (`failed_at`); it is retried.
 */
export const scheduleRuns = sqliteTable(
  'schedule_runs',
  {
    campId: text('camp_id').notNull(),
    job: text('job').notNull(),
    slot: text('slot').notNull(),
    claimedAt: integer('claimed_at').notNull(),
    claimedBy: text('claimed_by').notNull(),
    finishedAt: integer('finished_at'),
    error: text('error'),
    failures: integer('failures').notNull().default(0),
    failedAt: integer('failed_at'),
  },
  (t) => [primaryKey({ columns: [t.campId, t.job, t.slot] })],
);

/** A frozen award result; a forced re-publish supersedes the previous one. */
export const publications = sqliteTable(
  'publications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campId: text('camp_id').notNull().references(() => camps.id),
    asOf: integer('as_of').notNull(),
    publishedAt: integer('published_at').notNull(),
    publishedBy: text('published_by').notNull(),
    inputsHash: text('inputs_hash').notNull(),
    result: text('result').notNull(),
    supersededBy: integer('superseded_by'),
  },
  (t) => [index('publications_camp').on(t.campId)],
);

/** One certificate per winner of a publication; `code` is the signed verification code. */
export const certificates = sqliteTable(
  'certificates',
  {
    code: text('code').primaryKey(),
    publicationId: integer('publication_id').notNull().references(() => publications.id),
    campId: text('camp_id').notNull(),
    award: text('award').notNull(),
    awardName: text('award_name').notNull(),
    userid: text('userid').notNull(),
    name: text('name').notNull(),
    issuedAt: integer('issued_at').notNull(),
  },
  (t) => [index('certificates_publication').on(t.publicationId)],
);

/**
 * A live lesson or meeting camp-bot asked WeCom to create (SPEC §13: WeCom lets an app read only what it created), so
 * `sources sync` reads it like a camp file source. `pending` until the outbox worker created it (`wecom_id`, `link`),
 * `failed` when WeCom refused (`error`). `target` is the session name (meeting) or the lesson number (live).
 */
export const createdSources = sqliteTable(
  'created_sources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campId: text('camp_id').notNull().references(() => camps.id),
    kind: text('kind', { enum: ['living', 'meeting'] }).notNull(),
    target: text('target').notNull(),
    title: text('title').notNull(),
    startsAt: integer('starts_at').notNull(),
    durationS: integer('duration_s').notNull(),
    minMinutes: real('min_minutes').notNull(),
    requestedBy: text('requested_by').notNull(),
    chatId: text('chat_id'),
    requestedAt: integer('requested_at').notNull(),
    status: text('status', { enum: ['pending', 'created', 'failed'] }).notNull().default('pending'),
    wecomId: text('wecom_id'),
    link: text('link'),
    error: text('error'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('created_sources_camp').on(t.campId, t.status), uniqueIndex('created_sources_wecom_id').on(t.wecomId)],
);

/**
 * Who holds a named lease until when (ms), taken and renewed with a conditional upsert so exactly one process holds
 * it: the AI bot's long connection, the periodic sources pull.
 */
export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: integer('expires_at').notNull(),
});

/** The camp file (YAML) as last applied, shown and edited in the console. */
export const campFiles = sqliteTable('camp_files', {
  campId: text('camp_id').primaryKey().references(() => camps.id),
  yaml: text('yaml').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Console sign-in `state`s handed to WeCom's login: each is taken once, before it expires, by whichever instance. */
export const consoleLoginStates = sqliteTable(
  'console_login_states',
  {
    state: text('state').primaryKey(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('console_login_states_expiry').on(t.expiresAt)],
);

/** A quiz uploaded in the console: the validated file as JSON, answer keys included (never sent before grading). */
export const quizzes = sqliteTable(
  'quizzes',
  {
    campId: text('camp_id').notNull().references(() => camps.id),
    id: text('id').notNull(),
    definition: text('definition').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: integer('uploaded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campId, t.id] })],
);

/** A learner's one attempt at a quiz: the server's clock, and the result once graded (the `exam` event's id). */
export const quizAttempts = sqliteTable(
  'quiz_attempts',
  {
    campId: text('camp_id').notNull(),
    quizId: text('quiz_id').notNull(),
    userid: text('userid').notNull(),
    startedAt: integer('started_at').notNull(),
    deadline: integer('deadline').notNull(),
    submittedAt: integer('submitted_at'),
    reason: text('reason'),
    earned: real('earned'),
    score: real('score'),
    eventId: integer('event_id'),
  },
  (t) => [
    primaryKey({ columns: [t.campId, t.quizId, t.userid] }),
    // The quiz timer finds attempts past their deadline without reading graded ones.
    index('quiz_attempts_open').on(t.deadline).where(sql`${t.submittedAt} IS NULL`),
  ],
);

/** Answers of an attempt, saved as they are chosen: option ids as a JSON list. */
export const quizAnswers = sqliteTable(
  'quiz_answers',
  {
    campId: text('camp_id').notNull(),
    quizId: text('quiz_id').notNull(),
    userid: text('userid').notNull(),
    questionId: text('question_id').notNull(),
    choices: text('choices').notNull(),
    savedAt: integer('saved_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campId, t.quizId, t.userid, t.questionId] })],
);

/** An events import started in the console: its progress and outcome, readable by every instance. */
export const importJobs = sqliteTable(
  'import_jobs',
  {
    id: text('id').primaryKey(),
    campId: text('camp_id').notNull(),
    state: text('state').notNull(),
    processed: integer('processed').notNull(),
    total: integer('total').notNull(),
    recorded: integer('recorded').notNull(),
    duplicates: integer('duplicates').notNull(),
    error: text('error'),
    lines: text('lines').notNull(),
    startedBy: text('started_by').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('import_jobs_camp').on(t.campId)],
);
