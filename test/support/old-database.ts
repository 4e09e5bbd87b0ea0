import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { eventHash, GENESIS_HASH } from '../../src/db/event-hash.js';
import { SQLITE_MIGRATIONS as MIGRATIONS } from '../../src/db/sqlite/open-sqlite-store.js';

/**
 * A SQLite database file as an older camp-bot left it: the migrations up to and including `lastTag` applied, and
 * `events` exam events chained the way appends did then (no ledger head). Returns the file's raw handle (caller closes).
 */
export function createOldDatabase(file: string, lastTag: string, events: number): Sqlite.Database {
  const folder = mkdtempSync(join(tmpdir(), 'camp-bot-old-migrations-'));
  try {
    const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === lastTag) + 1);
    mkdirSync(join(folder, 'meta'));
    writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
    for (const { tag } of entries) copyFileSync(join(MIGRATIONS, `${tag}.sql`), join(folder, `${tag}.sql`));
    const sqlite = new Sqlite(file);
    migrate(drizzle(sqlite), { migrationsFolder: folder });
    appendOldStyle(sqlite, events);
    return sqlite;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function appendOldStyle(sqlite: Sqlite.Database, events: number): void {
  const insert = sqlite.prepare(`INSERT INTO events (camp_id, type, userid, num, ref, actor, source, happened_at, recorded_at,
    prev_hash, hash) VALUES (@camp_id, @type, @userid, @num, @ref, @actor, @source, @happened_at, @recorded_at, @prev_hash, @hash)`);
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= events; i += 1) {
    const row = {
      camp_id: 'c', type: 'exam', userid: `u${i}`, num: 60 + i, text: null, ref: 'final', actor: 't', source: 'command',
      happened_at: 1, recorded_at: 2, revokes: null, note: null, dedupe_key: null,
    };
    const hash = eventHash(prevHash, row);
    insert.run({ ...row, prev_hash: prevHash, hash });
    prevHash = hash;
  }
}
