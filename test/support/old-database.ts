import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import { eventHash, GENESIS_HASH } from '../../src/db/event-hash.js';
import { headMac } from '../../src/db/ledger-head.js';
import { POSTGRES_MIGRATIONS } from '../../src/db/postgres/open-postgres-store.js';
import { SQLITE_MIGRATIONS } from '../../src/db/sqlite/open-sqlite-store.js';

/** Runs one statement with `?` placeholders, as an old camp-bot's database client would. */
type Run = (sql: string, params?: unknown[]) => Promise<unknown>;

/** Runs `work` on a copy of `migrations` that ends at `lastTag` (the folder is removed after). */
async function withMigrationsUpTo<T>(migrations: string, lastTag: string, work: (folder: string) => Promise<T> | T): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), 'camp-bot-old-migrations-'));
  try {
    const journal = JSON.parse(readFileSync(join(migrations, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === lastTag) + 1);
    mkdirSync(join(folder, 'meta'));
    writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
    for (const { tag } of entries) copyFileSync(join(migrations, `${tag}.sql`), join(folder, `${tag}.sql`));
    return await work(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * A SQLite database file as an older camp-bot left it: the migrations up to and including `lastTag` applied, and
 * `events` exam events chained in the table itself the way appends did then, the ledger head moved with them where
 * it exists (and signed with `auditSecret`). Returns the file's raw handle (caller closes).
 */
export async function createOldDatabase(file: string, lastTag: string, events: number, auditSecret: string | null = null): Promise<Sqlite.Database> {
  const sqlite = new Sqlite(file);
  await withMigrationsUpTo(SQLITE_MIGRATIONS, lastTag, (folder) => migrate(drizzle(sqlite), { migrationsFolder: folder }));
  const hasHead = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'ledger_head'`).get() !== undefined;
  await appendOldStyle(async (sql, params = []) => sqlite.prepare(sql).run(...params), events, hasHead, auditSecret);
  return sqlite;
}

/**
 * The PostgreSQL schema at `url` (empty) as an older camp-bot left it: migrations up to and including `lastTag` and
 * `events` events chained the way appends did then, with the head (signed with `auditSecret`).
 */
export async function createOldPostgresDatabase(url: string, lastTag: string, events: number, auditSecret: string | null = null): Promise<void> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const run: Run = (sql, params = []) => { let n = 0; return client.query(sql.replace(/\?/g, () => `$${++n}`), params); };
    await run('CREATE TABLE __drizzle_migrations (id serial PRIMARY KEY, hash text NOT NULL, created_at bigint)');
    const migrations = await withMigrationsUpTo(POSTGRES_MIGRATIONS, lastTag, (folder) => readMigrationFiles({ migrationsFolder: folder }));
    for (const migration of migrations) {
      for (const statement of migration.sql) if (statement.trim()) await run(statement);
      await run('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)', [migration.hash, migration.folderMillis]);
    }
    await appendOldStyle(run, events, true, auditSecret);
  } finally {
    await client.end();
  }
}

async function appendOldStyle(run: Run, events: number, moveHead: boolean, auditSecret: string | null): Promise<void> {
  let prevHash = GENESIS_HASH;
  for (let id = 1; id <= events; id += 1) {
    const row = {
      camp_id: 'c', type: 'exam', userid: `u${id}`, num: 60 + id, text: null, ref: 'final', actor: 't', source: 'command',
      happened_at: 1, recorded_at: 2, revokes: null, note: null, dedupe_key: null,
    };
    const hash = eventHash(prevHash, row);
    await run(`INSERT INTO events (id, camp_id, type, userid, num, ref, actor, source, happened_at, recorded_at, prev_hash, hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [id, row.camp_id, row.type, row.userid, row.num, row.ref, row.actor, row.source, row.happened_at, row.recorded_at, prevHash, hash]);
    prevHash = hash;
  }
  if (!moveHead) return;
  const mac = auditSecret ? headMac({ lastSeq: events, lastHash: prevHash, count: events }, auditSecret) : null;
  await run('UPDATE ledger_head SET last_id = ?, last_hash = ?, count = ?, mac = ? WHERE id = 1', [events, prevHash, events, mac]);
}
