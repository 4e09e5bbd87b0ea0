import { executorOf, type Db } from './db.js';
import type { Dialect } from './engine/executor.js';

/** The ledger's two tables, each guarded append-only (migrations 0001 and the chain's). */
const LEDGER_TABLES = ['events', 'ledger_chain'] as const;
type LedgerTable = (typeof LEDGER_TABLES)[number];

interface Guard {
  table: LedgerTable;
  name: string;
  sql: string;
}

/** What the guards say when they refuse a change. */
const REFUSAL: Record<LedgerTable, string> = { events: 'events are append-only', ledger_chain: 'ledger_chain is append-only' };
/** PostgreSQL's triggers on `table` call this function. */
const guardFunction = (table: LedgerTable): string => `${table}_append_only`;

const sqliteGuards = (table: LedgerTable): Guard[] => (['UPDATE', 'DELETE'] as const).map((event) => {
  const name = `${table}_no_${event.toLowerCase()}`;
  return { table, name, sql: `CREATE TRIGGER \`${name}\` BEFORE ${event} ON \`${table}\` BEGIN SELECT RAISE(ABORT, '${REFUSAL[table]}'); END` };
});

const postgresGuards = (table: LedgerTable): Guard[] => [
  ...(['UPDATE', 'DELETE', 'TRUNCATE'] as const).map((event) => {
    const name = `${table}_no_${event.toLowerCase()}`;
    const each = event === 'TRUNCATE' ? 'STATEMENT' : 'ROW';
    return { table, name, sql: `CREATE TRIGGER ${name} BEFORE ${event} ON ${table} FOR EACH ${each} EXECUTE FUNCTION ${guardFunction(table)}()` };
  }),
  { table, name: guardFunction(table), sql: `BEGIN RAISE EXCEPTION '${REFUSAL[table]}'; END` },
];

/**
 * The append-only guards on the ledger's tables, as each engine reports their definition (white space aside).
 * PostgreSQL's triggers call a function, whose body is checked too: emptied, it would let everything through.
 */
const EXPECTED_GUARDS: Record<Dialect, Guard[]> = {
  sqlite: LEDGER_TABLES.flatMap(sqliteGuards),
  postgres: LEDGER_TABLES.flatMap(postgresGuards),
};

const sqlList = (names: readonly string[]): string => names.map((name) => `'${name}'`).join(', ');

export interface TriggerDefinition {
  name: string;
  sql: string;
  /** 0 when switched off: PostgreSQL's `ALTER TABLE … DISABLE TRIGGER` (or `ENABLE REPLICA`) keeps the definition. */
  enabled: number;
}

const normalise = (sql: string): string => sql.replace(/\s+/g, ' ').trim();

/** Which append-only trigger is missing, redefined or switched off (pure); null when all stand as created. */
export function triggerProblem(dialect: Dialect, found: TriggerDefinition[]): string | null {
  for (const { table, name, sql } of EXPECTED_GUARDS[dialect]) {
    const trigger = found.find((t) => t.name === name);
    if (!trigger) return `${table} 表的只追加触发器 ${name} 被删除`;
    if (normalise(trigger.sql) !== normalise(sql)) return `${table} 表的只追加触发器 ${name} 被改写`;
    if (!trigger.enabled) return `${table} 表的只追加触发器 ${name} 被停用`;
  }
  return null;
}

/**
 * The triggers defined on `events` and `ledger_chain` (and, on PostgreSQL, the bodies of the functions they call), as
 * the database reports them.
 */
export function ledgerTriggers(db: Db): Promise<TriggerDefinition[]> {
  const ex = executorOf(db);
  if (ex.dialect === 'sqlite') {
    return ex.all<TriggerDefinition>(
      `SELECT name, sql, 1 AS "enabled" FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${sqlList(LEDGER_TABLES)})`,
    );
  }
  // Definitions name the table with its schema; without it they compare equal in any schema.
  return ex.all<TriggerDefinition>(
    `SELECT tgname AS "name", replace(pg_get_triggerdef(t.oid), quote_ident(current_schema()) || '.', '') AS "sql",
       CASE WHEN t.tgenabled IN ('O', 'A') THEN 1 ELSE 0 END AS "enabled" FROM pg_trigger t
       WHERE t.tgrelid IN (${LEDGER_TABLES.map((table) => `to_regclass('${table}')`).join(', ')}) AND NOT t.tgisinternal
     UNION ALL
     SELECT p.proname AS "name", p.prosrc AS "sql", 1 AS "enabled" FROM pg_proc p
       WHERE p.proname IN (${sqlList(LEDGER_TABLES.map(guardFunction))}) AND p.pronamespace = to_regnamespace(current_schema())::oid`,
  );
}
