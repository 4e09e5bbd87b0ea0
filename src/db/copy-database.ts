import { ValidationError } from '../errors.js';
import { executorOf, transaction, type Db } from './db.js';
import type { Executor } from './engine/executor.js';

/**
 * Every table camp-bot keeps, parents before children (foreign keys), with the column that orders a copy. A test
 * checks this list against the schema, so a new table cannot be left out of `db copy`.
 */
export const COPIED_TABLES = [
  { table: 'camps', order: 'id' },
  { table: 'people', order: 'userid' },
  { table: 'members', order: 'camp_id, userid, role' },
  { table: 'chats', order: 'chat_id' },
  { table: 'events', order: 'id' },
  { table: 'ledger_chain', order: 'seq' },
  { table: 'ledger_head', order: 'id' },
  { table: 'processed_messages', order: 'key' },
  { table: 'pending_submissions', order: 'camp_id, userid' },
  { table: 'outbox', order: 'id' },
  { table: 'schedule_runs', order: 'camp_id, job, slot' },
  { table: 'publications', order: 'id' },
  { table: 'certificates', order: 'code' },
  { table: 'created_sources', order: 'id' },
  { table: 'leases', order: 'name' },
  { table: 'camp_files', order: 'camp_id' },
  { table: 'console_login_states', order: 'state' },
  { table: 'quizzes', order: 'camp_id, id' },
  { table: 'quiz_attempts', order: 'camp_id, quiz_id, userid' },
  { table: 'quiz_answers', order: 'camp_id, quiz_id, userid, question_id' },
  { table: 'import_jobs', order: 'id' },
] as const;

/** Tables whose ids PostgreSQL generates from a sequence, which must continue after the copied ids. */
const IDENTITY_TABLES = ['events', 'outbox', 'publications', 'created_sources'];

/** Rows read and written per statement. */
const PAGE = 500;

export type CopyProgress = (table: string, rows: number) => void;

/**
 * Copies every row of every table from one store to another (SQLite ↔ PostgreSQL), ids and chain unchanged, in one
 * transaction on the target: it commits whole or not at all (a PostgreSQL target is vacuumed and analyzed after).
 * The target must be migrated and empty (no camp, no event); its ledger head becomes the source's. Returns the rows
 * copied per table.
 * @example await copyDatabase(sqliteStore, postgresStore) // { camps: 1, events: 2000000, … }
 */
export async function copyDatabase(from: Db, to: Db, progress: CopyProgress = () => undefined): Promise<Record<string, number>> {
  await assertEmpty(to);
  const copied = await copyAll(from, to, progress);
  // A bulk-loaded PostgreSQL table has no planner statistics and no visibility map (no index-only scans) yet.
  if (executorOf(to).dialect === 'postgres') for (const { table } of COPIED_TABLES) await executorOf(to).run(`VACUUM ANALYZE ${table}`);
  return copied;
}

function copyAll(from: Db, to: Db, progress: CopyProgress): Promise<Record<string, number>> {
  // A PostgreSQL source is read in one snapshot, so the copy is consistent while instances keep writing; a SQLite
  // source is read as it stands (copy it with serve stopped, or take `backup` first).
  return transaction(from, (snapshot) => transaction(to, async (tx) => {
    const source = executorOf(snapshot);
    const target = executorOf(tx);
    const copied: Record<string, number> = {};
    for (const { table, order } of COPIED_TABLES) {
      if (table === 'ledger_head') await target.run('DELETE FROM ledger_head');
      copied[table] = await copyTable(source, target, table, order, (rows) => progress(table, rows));
    }
    if (target.dialect === 'postgres') await continueIdentities(target);
    return copied;
  }), 'read');
}

async function assertEmpty(db: Db): Promise<void> {
  const row = await executorOf(db).get<{ camps: number; events: number }>(
    'SELECT (SELECT count(*) FROM camps) AS "camps", (SELECT count(*) FROM events) AS "events"',
  );
  if ((row?.camps ?? 0) > 0 || (row?.events ?? 0) > 0) {
    throw new ValidationError(`目标数据库不是空的（${row?.camps} 个训练营、${row?.events} 条事件）：请换一个新建的数据库，未做任何复制`);
  }
}

/** The next page of a table: after the last key for a single-column key (big tables), by offset otherwise (small ones). */
function nextPage(source: Executor, table: string, order: string, last: unknown, offset: number): Promise<Record<string, unknown>[]> {
  if (order.includes(',')) return source.all(`SELECT * FROM ${table} ORDER BY ${order} LIMIT ${PAGE} OFFSET ${offset}`);
  if (last === undefined) return source.all(`SELECT * FROM ${table} ORDER BY ${order} LIMIT ${PAGE}`);
  return source.all(`SELECT * FROM ${table} WHERE ${order} > ? ORDER BY ${order} LIMIT ${PAGE}`, [last]);
}

async function copyTable(source: Executor, target: Executor, table: string, order: string, progress: (rows: number) => void): Promise<number> {
  let copied = 0;
  for (let last: unknown; ;) {
    const rows = await nextPage(source, table, order, last, copied);
    if (rows.length === 0) break;
    last = rows.at(-1)![order];
    const columns = Object.keys(rows[0]!);
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    await target.run(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`,
      rows.flatMap((row) => columns.map((column) => row[column] ?? null)),
    );
    copied += rows.length;
    progress(copied);
    if (rows.length < PAGE) break;
  }
  return copied;
}

async function continueIdentities(target: Executor): Promise<void> {
  for (const table of IDENTITY_TABLES) {
    await target.run(
      `SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce((SELECT max(id) FROM ${table}), 0) + 1, false)`,
    );
  }
}
