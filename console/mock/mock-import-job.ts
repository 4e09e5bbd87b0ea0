import type { ImportJob } from '../../src/console/api-types.js';
import { eventRowToEvent } from '../../src/import/event-row-to-event.js';
import type { Table } from '../../src/import/table-row.js';
import { mockNow } from './mock-clock.js';
import type { MockCamp } from './mock-camp.js';
import type { NewMockEvent } from './mock-event.js';

const ROWS_PER_TICK = 40;
const TICK_MS = 120;

/**
 * An events import that runs like the real one, slowed down so the page shows progress: every row is checked first
 * (all-or-nothing: any bad row fails the whole file with each bad line), then recorded; rows already recorded count
 * as duplicates.
 */
export function startImport(camp: MockCamp, table: Table, id: string, actor: string): ImportJob {
  const job: ImportJob = { id, state: 'checking', processed: 0, total: table.rows.length, recorded: 0, duplicates: 0, error: null, lines: [] };
  const context = {
    campId: camp.id, lessons: camp.config.lessons, timeZone: camp.config.timezone, now: mockNow(),
    learners: new Set(camp.learners().map((l) => l.userid)),
    assignments: new Set([...camp.events.filter((e) => e.type === 'assignment').map((e) => e.ref ?? ''), ...table.rows.filter((r) => r.values.type === 'assignment').map((r) => r.values.ref ?? '')]),
  };
  const events: NewMockEvent[] = [];
  const tick = (): void => {
    for (const row of table.rows.slice(job.processed, job.processed + ROWS_PER_TICK)) {
      const v = row.values;
      const result = eventRowToEvent({ line: row.line, type: v.type ?? '', userid: v.userid ?? '', value: v.value ?? '', at: v.at ?? '', ref: v.ref ?? '', actor: v.actor ?? '', note: v.note ?? '', extra: row.extra }, context);
      if ('problem' in result) job.lines.push({ line: row.line, message: result.problem });
      else {
        const { type, userid, num, text, ref, actor, note, happenedAt } = result.event;
        events.push({ type, userid: userid ?? null, num: num ?? null, text: text ?? null, ref: ref ?? null, actor, note: note ?? null, at: happenedAt, source: 'import' });
      }
    }
    job.processed = Math.min(job.total, job.processed + ROWS_PER_TICK);
    if (job.processed < job.total) return void setTimeout(tick, TICK_MS);
    if (job.lines.length > 0) return finish(job, `有 ${job.lines.length} 行有错，整个文件未导入`);
    job.state = 'recording';
    for (const event of events) {
      const duplicate = camp.events.some((e) => e.type === event.type && e.userid === (event.userid ?? null) && e.at === event.at && e.ref === (event.ref ?? null));
      if (duplicate) job.duplicates += 1;
      else (camp.record(event), (job.recorded += 1));
    }
    finish(job, null);
  };
  setTimeout(tick, TICK_MS);
  return job;
}

function finish(job: ImportJob, error: string | null): void {
  job.state = error ? 'failed' : 'done';
  job.error = error;
}
