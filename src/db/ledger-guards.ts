import { executorOf, type Db } from './db.js';
import type { Dialect } from './engine/executor.js';

interface Guard {
  table: 'events' | 'ledger_chain';
  name: string;
  sql: string;
}

/** What the guards say when they refuse a change. */
const REFUSAL: Record<Guard['table'], string> = { events: 'events are append-only', ledger_chain: 'ledger_chain is append-only' };

const sqliteGuard = (table: Guard['table'], name: string, event: 'UPDATE' | 'DELETE'): Guard => ({
  table, name, sql: `CREATE TRIGGER \`${name}\` BEFORE ${event} ON \`${table}\` BEGIN SELECT RAISE(ABORT, '${REFUSAL[table]}'); END`,
});

const postgresFunction = (table: Guard['table'], name: string): Guard => ({
  table, name, sql: `BEGIN RAISE EXCEPTION '${REFUSAL[table]}'; END`,
});

const postgresGuards = (table: Guard['table'], fn: string): Guard[] => [
  { table, name: `${table}_no_update`, sql: `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${fn}()` },
  { table, name: `${table}_no_delete`, sql: `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${fn}()` },
  { table, name: `${table}_no_truncate`, sql: `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()` },
];

/**
 * The append-only guards on the ledger's two tables (migrations 0001 and the chain's), as each engine reports their
 * definition (white space aside). PostgreSQL's triggers call a function, whose body is checked too: emptied, it would
 * let everything through.
 */
const EXPECTED_GUARDS: Record<Dialect, Guard[]> = {
  sqlite: [
    sqliteGuard('events', 'events_no_update', 'UPDATE'),
    sqliteGuard('events', 'events_no_delete', 'DELETE'),
    sqliteGuard('ledger_chain', 'ledger_chain_no_update', 'UPDATE'),
    sqliteGuard('ledger_chain', 'ledger_chain_no_delete', 'DELETE'),
  ],
  postgres: [
    ...postgresGuards('events', 'events_append_only'),
    postgresFunction('events', 'events_append_only'),
    ...postgresGuards('ledger_chain', 'ledger_chain_append_only'),
    postgresFunction('ledger_chain', 'ledger_chain_append_only'),
  ],
};

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
      `SELECT name, sql, 1 AS "enabled" FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('events', 'ledger_chain')`,
    );
  }
  // Definitions name the table with its schema; without it they compare equal in any schema.
  return ex.all<TriggerDefinition>(
    `SELECT tgname AS "name", replace(pg_get_triggerdef(t.oid), quote_ident(current_schema()) || '.', '') AS "sql",
       CASE WHEN t.tgenabled IN ('O', 'A') THEN 1 ELSE 0 END AS "enabled" FROM pg_trigger t
       WHERE t.tgrelid IN (to_regclass('events'), to_regclass('ledger_chain')) AND NOT t.tgisinternal
     UNION ALL
     SELECT p.proname AS "name", p.prosrc AS "sql", 1 AS "enabled" FROM pg_proc p
       WHERE p.proname IN ('events_append_only', 'ledger_chain_append_only') AND p.pronamespace = to_regnamespace(current_schema())::oid`,
  );
}
