import { ValidationError } from '../errors.js';
import type { EventRow, EventRowContext } from './event-row.js';
import { eventRowToEvent, missingAssignment } from './event-row-to-event.js';
import type { Progress } from './import-result.js';

type Problem = { line: number; text: string };

/**
 * The checking pass of an events import: reads every row once and keeps only the assignment ids, the problems and
 * the rows whose assignment is not known yet (it may be created further down). Throws ValidationError listing every
 * bad row as `line N: what`, in line order. Returns the assignment ids known after the file: the ledger's and the
 * file's own.
 */
export async function checkEventRows(
  rows: AsyncIterable<EventRow>, ctx: EventRowContext, ledgerAssignments: ReadonlySet<string>, progress?: Progress,
): Promise<Set<string>> {
  const assignments = new Set(ledgerAssignments);
  const problems: Problem[] = [];
  const waiting: { line: number; type: string; ref: string | null | undefined }[] = [];
  let count = 0;
  for await (const row of rows) {
    if (row.type === 'assignment' && row.ref) assignments.add(row.ref);
    const result = eventRowToEvent(row, ctx);
    if ('problem' in result) problems.push({ line: row.line, text: result.problem });
    else if (missingAssignment(result.event, assignments)) waiting.push({ line: row.line, type: result.event.type, ref: result.event.ref });
    count += 1;
    if (progress && count % 100_000 === 0) progress('checked', count);
  }
  for (const row of waiting) {
    const problem = missingAssignment(row, assignments);
    if (problem) problems.push({ line: row.line, text: problem });
  }
  if (count === 0) throw new ValidationError('文件没有数据行（no rows），未导入任何内容');
  if (problems.length > 0) {
    const lines = problems.sort((a, b) => a.line - b.line).map((p) => `line ${p.line}: ${p.text}`);
    throw new ValidationError(`有 ${problems.length} 行错误，未导入任何内容`, lines);
  }
  return assignments;
}
