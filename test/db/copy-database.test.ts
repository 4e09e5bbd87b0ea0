import { afterEach, describe, expect, it } from 'vitest';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { saveCamp } from '../../src/db/camp-store.js';
import { COPIED_TABLES, copyDatabase } from '../../src/db/copy-database.js';
import { executorOf, type Store } from '../../src/db/db.js';
import { appendEvent, verifyChain } from '../../src/db/ledger.js';
import { listEvents } from '../../src/db/list-events.js';
import { openStore } from '../../src/db/open-store.js';
import { insertOutbox, outboxCounts } from '../../src/db/outbox-store.js';
import { importRoster } from '../../src/db/roster-store.js';
import { insertSourceRequest, type SourceRequest } from '../../src/db/created-sources.js';
import { CAMP_ID, ROSTER, sampleCampYaml } from '../support/camp-fixture.js';
import { tempDbFile } from '../support/temp-db-file.js';
import { freshPostgresSchema } from '../support/test-store.js';

const AUDIT_SECRET = 'copy-test-audit-secret-0123456789';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function sqliteStore(): Promise<Store> {
  const temp = tempDbFile();
  const store = await openStore({ dbFile: temp.file, auditSecret: AUDIT_SECRET });
  cleanups.push(temp.cleanup, () => store.close());
  return store;
}

async function postgresStore(): Promise<Store> {
  const { url, drop } = await freshPostgresSchema();
  const store = await openStore({ databaseUrl: url, dbFile: ':memory:', auditSecret: AUDIT_SECRET, maxConnections: 2 });
  cleanups.push(drop, () => store.close());
  return store;
}

const MEETING_REQUEST: SourceRequest = {
  campId: CAMP_ID, kind: 'meeting', target: '第1课', title: '第1课', startsAt: 6_000, durationS: 3600, minMinutes: 30, requestedBy: 'zhang', chatId: null,
};

/** A camp with its roster, 1,203 events (more than a page), an outbox row, a fractional score and a meeting request. */
async function seeded(store: Store): Promise<void> {
  await saveCamp(store, parseCampFile(sampleCampYaml(Date.parse('2026-11-20T00:00:00Z'))), 1_000);
  await importRoster(store, CAMP_ID, ROSTER);
  for (let i = 0; i < 1_203; i += 1) {
    await appendEvent(store, {
      campId: CAMP_ID, type: i % 3 === 0 ? 'exam' : 'participation', userid: ROSTER[3 + (i % 5)]!.userid,
      num: i % 3 === 0 ? 87.125 : 1, ref: i % 3 === 0 ? 'final' : null, actor: 'zhang', source: 'command', happenedAt: 2_000 + i,
      dedupeKey: `copy:${i}`,
    }, 3_000 + i);
  }
  await insertOutbox(store, { campId: CAMP_ID, kind: 'app', payload: { touser: ['ming'] }, dedupeKey: 'hello' }, 5_000);
  await insertSourceRequest(store, MEETING_REQUEST, 6_000);
}

const tablesOf = async (store: Store): Promise<string[]> => {
  const ex = executorOf(store);
  const rows = ex.dialect === 'sqlite'
    ? await ex.all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'`)
    : await ex.all<{ name: string }>(`SELECT table_name AS "name" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> '__drizzle_migrations'`);
  return rows.map((row) => row.name).sort();
};

// Needs a PostgreSQL server (TEST_DATABASE_URL, set by .ci/run); skipped where there is none.
describe.runIf(process.env.TEST_DATABASE_URL)('db copy', () => {
  it('lists every table of both schemas', async () => {
    const listed = COPIED_TABLES.map((t) => t.table).sort();
    expect(await tablesOf(await sqliteStore())).toEqual(listed);
    expect(await tablesOf(await postgresStore())).toEqual(listed);
  });

  it('moves a SQLite camp to PostgreSQL and back with every event and hash, and the chain verifies', async () => {
    const sqlite = await sqliteStore();
    await seeded(sqlite);
    const postgres = await postgresStore();
    const copied = await copyDatabase(sqlite, postgres);
    expect(copied).toMatchObject({ camps: 1, events: 1_203, ledger_head: 1, outbox: 1, created_sources: 1 });
    expect(await listEvents(postgres)).toEqual(await listEvents(sqlite));
    expect(await verifyChain(postgres)).toEqual({ ok: true, count: 1_203, signed: true });
    expect(await outboxCounts(postgres)).toEqual(await outboxCounts(sqlite));
    // The copy keeps appending where the source left off, and its outbox ids continue after the copied ones.
    const next = await appendEvent(postgres, { campId: CAMP_ID, type: 'lesson', userid: 'ming', num: 1, actor: 'zhang', source: 'command', happenedAt: 9_000 }, 9_000);
    expect(next.id).toBe(1_204);
    expect((await insertOutbox(postgres, { campId: CAMP_ID, kind: 'app', payload: {}, dedupeKey: 'after' }, 9_000)).id).toBe(2);
    expect(await insertSourceRequest(postgres, MEETING_REQUEST, 9_000)).toBe(2);
    const back = await sqliteStore();
    await copyDatabase(postgres, back);
    expect(await verifyChain(back)).toEqual({ ok: true, count: 1_204, signed: true });
    expect(await listEvents(back)).toEqual(await listEvents(postgres));
  });

  it('refuses a target that is not empty, and copies nothing', async () => {
    const source = await sqliteStore();
    await seeded(source);
    const target = await postgresStore();
    await saveCamp(target, parseCampFile(sampleCampYaml()), 1);
    await expect(copyDatabase(source, target)).rejects.toThrow(/不是空的/);
    expect(await listEvents(target)).toEqual([]);
  });
});
