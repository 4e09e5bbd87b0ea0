import { executorOf, type Db } from './db.js';
import type { Dialect } from './engine/executor.js';

/**
 * The append-only guards migration 0001 put on `events`, as each engine reports their definition (white space aside).
 * PostgreSQL's triggers call a function, whose body is checked too: emptied, it would let everything through.
 */
const EXPECTED_TRIGGERS: Record<Dialect, Record<string, string>> = {
  sqlite: {
    events_no_update: "CREATE TRIGGER `events_no_update` BEFORE UPDATE ON `events` BEGIN SELECT RAISE(ABORT, 'events are append-only'); END",
    events_no_delete: "CREATE TRIGGER `events_no_delete` BEFORE DELETE ON `events` BEGIN SELECT RAISE(ABORT, 'events are append-only'); END",
  },
  postgres: {
    events_no_update: 'CREATE TRIGGER events_no_update BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION events_append_only()',
    events_no_delete: 'CREATE TRIGGER events_no_delete BEFORE DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_append_only()',
    events_no_truncate: 'CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION events_append_only()',
    events_append_only: "BEGIN RAISE EXCEPTION 'events are append-only'; END",
  },
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
  for (const [name, expected] of Object.entries(EXPECTED_TRIGGERS[dialect])) {
    const trigger = found.find((t) => t.name === name);
    if (!trigger) return `events 表的只追加触发器 ${name} 被删除`;
    if (normalise(trigger.sql) !== normalise(expected)) return `events 表的只追加触发器 ${name} 被改写`;
    if (!trigger.enabled) return `events 表的只追加触发器 ${name} 被停用`;
  }
  return null;
}

/** The triggers defined on `events` (and, on PostgreSQL, the body of the function they call), as the database reports them. */
export function eventsTriggers(db: Db): Promise<TriggerDefinition[]> {
  const ex = executorOf(db);
  if (ex.dialect === 'sqlite') {
    return ex.all<TriggerDefinition>(
      `SELECT name, sql, 1 AS "enabled" FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'`,
    );
  }
  // Definitions name the table with its schema; without it they compare equal in any schema.
  return ex.all<TriggerDefinition>(
    `SELECT tgname AS "name", replace(pg_get_triggerdef(t.oid), quote_ident(current_schema()) || '.', '') AS "sql",
       CASE WHEN t.tgenabled IN ('O', 'A') THEN 1 ELSE 0 END AS "enabled" FROM pg_trigger t
       WHERE t.tgrelid = to_regclass('events') AND NOT t.tgisinternal
     UNION ALL
     SELECT p.proname AS "name", p.prosrc AS "sql", 1 AS "enabled" FROM pg_proc p
       WHERE p.proname = 'events_append_only' AND p.pronamespace = to_regnamespace(current_schema())::oid`,
  );
}
