import { createHash } from 'node:crypto';
import type Sqlite from 'better-sqlite3';
import { ValidationError } from '../errors.js';
import { appendEvent } from '../db/ledger.js';
import type { NewEvent } from '../db/event-types.js';
import type { Table } from './read-table-file.js';
import type { EventRow, EventRowContext } from './event-row.js';
import { eventRowToEvent } from './event-row-to-event.js';

export const EVENT_COLUMNS = ['type', 'userid', 'value', 'at', 'ref', 'actor', 'note'] as const;

/** How an import went: events new to the ledger and rows already recorded by an earlier import of the same file. */
export interface ImportResult {
  recorded: number;
  duplicates: number;
  /** Rows read but not recorded by rule (chat archive: not a learner, unbound room, rule not met). */
  skipped: number;
}

export type Progress = (done: number, total: number) => void;

function checkHeader(header: string[]): void {
  const missing = EVENT_COLUMNS.filter((c) => c !== 'note' && c !== 'actor' && !header.includes(c));
  const unknown = header.filter((c) => c && !(EVENT_COLUMNS as readonly string[]).includes(c));
  const problems = [...missing.map((c) => `header: 缺少列 ${c}`), ...unknown.map((c) => `header: 未知列 ${c}`)];
  if (problems.length > 0) {
    throw new ValidationError(`表头应为 ${EVENT_COLUMNS.join(',')}，未导入任何内容`, problems);
  }
}

/**
 * Validates every row (SPEC §5) and returns the events to append, keyed `import:<sha256 of file>:<line>`.
 * Throws ValidationError listing every bad row as `line N: what`.
 */
export function eventsFromTable(table: Table, content: Buffer, ctx: Omit<EventRowContext, 'assignments'> & { knownAssignments: ReadonlySet<string> }, progress?: Progress): NewEvent[] {
  checkHeader(table.header);
  const fileHash = createHash('sha256').update(content).digest('hex');
  const rows: EventRow[] = table.rows.map(({ line, values }) => ({
    line, type: values.type ?? '', userid: values.userid ?? '', value: values.value ?? '', at: values.at ?? '',
    ref: values.ref ?? '', actor: values.actor ?? '', note: values.note ?? '',
  }));
  const assignments = new Set(ctx.knownAssignments);
  for (const row of rows) if (row.type === 'assignment' && row.ref) assignments.add(row.ref);
  const problems: string[] = [];
  const events: NewEvent[] = [];
  rows.forEach((row, i) => {
    const extra = table.rows[i]!.extra;
    const result = extra > 0 ? { problem: '列数多于表头（多余的逗号？）' } : eventRowToEvent(row, { ...ctx, assignments });
    if ('problem' in result) problems.push(`line ${row.line}: ${result.problem}`);
    else events.push({ ...result.event, source: 'import', dedupeKey: `import:${fileHash}:${row.line}` });
    if (progress && (i + 1) % 1000 === 0) progress(i + 1, rows.length);
  });
  if (rows.length === 0) problems.push('文件没有数据行（no rows）');
  if (problems.length > 0) throw new ValidationError(`有 ${problems.length} 行错误，未导入任何内容`, problems);
  return events;
}

/** Appends the events in one transaction; already-recorded dedupe keys are counted, not added. */
export function appendAll(sqlite: Sqlite.Database, events: NewEvent[], now: number): ImportResult {
  return sqlite.transaction(() => {
    const result: ImportResult = { recorded: 0, duplicates: 0, skipped: 0 };
    for (const event of events) {
      if (appendEvent(sqlite, event, now).duplicate) result.duplicates += 1;
      else result.recorded += 1;
    }
    return result;
  }).immediate();
}

/** Assignment ids created (and not revoked) in the camp's ledger. */
export function knownAssignments(sqlite: Sqlite.Database, campId: string): Set<string> {
  const rows = sqlite.prepare<[string, string], { ref: string }>(
    `SELECT DISTINCT ref FROM events e WHERE camp_id = ? AND type = 'assignment' AND ref IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM events r WHERE r.camp_id = ? AND r.type = 'revoke' AND r.revokes = e.id)`,
  ).all(campId, campId);
  return new Set(rows.map((r) => r.ref));
}
