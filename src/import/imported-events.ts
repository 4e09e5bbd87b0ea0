import { ValidationError } from '../errors.js';
import type { NewEvent } from '../db/event-types.js';
import type { EventRow, EventRowContext } from './event-row.js';
import { eventRowToEvent, missingAssignment } from './event-row-to-event.js';
import { importKeys } from './import-key.js';

/**
 * The writing pass of an events import: the events of rows that `checkEventRows` passed, keyed by `importKeys`. A row
 * that no longer passes (the file or the roster changed in between) throws, so the caller's transaction records
 * nothing.
 */
export async function* importedEvents(
  rows: AsyncIterable<EventRow>, ctx: EventRowContext, assignments: ReadonlySet<string>,
): AsyncGenerator<NewEvent> {
  const keyOf = importKeys();
  for await (const row of rows) {
    const result = eventRowToEvent(row, ctx);
    const problem = 'problem' in result ? result.problem : missingAssignment(result.event, assignments);
    if ('problem' in result || problem) {
      throw new ValidationError(`line ${row.line}: ${problem}（文件或名单在校验后改变了），未导入任何内容`);
    }
    yield { ...result.event, source: 'import', dedupeKey: keyOf(row, result.event) };
  }
}
