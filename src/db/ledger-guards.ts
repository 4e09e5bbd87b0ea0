import type Sqlite from 'better-sqlite3';

/** The append-only triggers migration 0001 put on `events`, as SQLite keeps their definition (white space aside). */
const EXPECTED_TRIGGERS: Record<string, string> = {
  events_no_update: "CREATE TRIGGER `events_no_update` BEFORE UPDATE ON `events` BEGIN SELECT RAISE(ABORT, 'events are append-only'); END",
  events_no_delete: "CREATE TRIGGER `events_no_delete` BEFORE DELETE ON `events` BEGIN SELECT RAISE(ABORT, 'events are append-only'); END",
};

export interface TriggerDefinition {
  name: string;
  sql: string;
}

const normalise = (sql: string): string => sql.replace(/\s+/g, ' ').trim();

/** Which append-only trigger is missing or was redefined (pure); null when both stand as created. */
export function triggerProblem(found: TriggerDefinition[]): string | null {
  for (const [name, expected] of Object.entries(EXPECTED_TRIGGERS)) {
    const trigger = found.find((t) => t.name === name);
    if (!trigger) return `events 表的只追加触发器 ${name} 被删除`;
    if (normalise(trigger.sql) !== normalise(expected)) return `events 表的只追加触发器 ${name} 被改写`;
  }
  return null;
}

/** The triggers defined on `events`, as the database reports them. */
export function eventsTriggers(sqlite: Sqlite.Database): TriggerDefinition[] {
  return sqlite.prepare<[], TriggerDefinition>(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'`).all();
}
