import { ValidationError } from '../errors.js';
import type { EventRow } from './event-row.js';
import { csvFileRows } from './import-file.js';
import { extraCells } from './table-row.js';
import type { TextEncoding } from './text-encoding.js';

export const EVENT_COLUMNS = ['type', 'userid', 'value', 'at', 'ref', 'actor', 'note'] as const;

function checkHeader(header: string[]): void {
  const missing = EVENT_COLUMNS.filter((c) => c !== 'note' && c !== 'actor' && !header.includes(c));
  const unknown = header.filter((c) => c && !(EVENT_COLUMNS as readonly string[]).includes(c));
  const problems = [...missing.map((c) => `header: 缺少列 ${c}`), ...unknown.map((c) => `header: 未知列 ${c}`)];
  if (problems.length > 0) {
    throw new ValidationError(`表头应为 ${EVENT_COLUMNS.join(',')}，未导入任何内容`, problems);
  }
}

type Positions = Record<(typeof EVENT_COLUMNS)[number], number>;

/**
 * An events CSV's rows as it streams (header checked first), cells picked by the header's column positions (trimmed; a
 * missing column is '').
 */
export async function* eventRows(file: string, encoding: TextEncoding): AsyncGenerator<EventRow> {
  let header: string[] = [];
  let at: Positions | undefined;
  const cell = (cells: string[], index: number): string => (index < 0 ? '' : (cells[index] ?? '').trim());
  for await (const { line, cells } of csvFileRows(file, encoding, (names) => checkHeader((header = names)))) {
    at ??= Object.fromEntries(EVENT_COLUMNS.map((c) => [c, header.indexOf(c)])) as Positions;
    yield {
      line, type: cell(cells, at.type), userid: cell(cells, at.userid), value: cell(cells, at.value), at: cell(cells, at.at),
      ref: cell(cells, at.ref), actor: cell(cells, at.actor), note: cell(cells, at.note), extra: extraCells(cells, header.length),
    };
  }
}
